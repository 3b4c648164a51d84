package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "device-1|Acme|IT|Berlin|Berlin|de|CN=device-1,OU=IT,O=Acme,L=Berlin,ST=Berlin,C=DE",
        "device-1|null|  |null|null|null|CN=device-1",
        "null|Acme|null|null|null|US|O=Acme,C=US",
        "'a,b+c'|'Acme \"Labs\"'|null|null|null|null|'CN=a\\,b\\+c,O=Acme \\\"Labs\\\"'",
        "' #lead '|null|null|null|null|null|'CN=\\#lead'"})
    void buildsRfc4514Names(String cn, String o, String ou, String l, String st, String c, String expected) {
        String dn = SubjectNames.dn(cn, o, ou, l, st, c);
        assertEquals(expected, dn);
        assertEquals(dn, SubjectNames.toString(SubjectNames.parse(dn)), "parse and print round trip");
    }

    @Test
    void countryMustBeTwoLetters() {
        assertThrows(IllegalArgumentException.class, () -> SubjectNames.dn("x", null, null, null, null, "USA"));
        assertThrows(IllegalArgumentException.class, () -> SubjectNames.dn("x", null, null, null, null, "1A"));
    }

    @Test
    void parseEncodesTheLeastSpecificRdnFirstWithProperStringTypes() {
        X500Name name = SubjectNames.parse("CN=device-1,O=Acme,C=US");
        assertEquals(BCStyle.C, name.getRDNs()[0].getFirst().getType());
        assertEquals(BCStyle.CN, name.getRDNs()[2].getFirst().getType());
        ASN1Encodable country = name.getRDNs()[0].getFirst().getValue();
        ASN1Encodable common = name.getRDNs()[2].getFirst().getValue();
        assertTrue(country instanceof DERPrintableString);
        assertTrue(common instanceof DERUTF8String);
        assertEquals("CN=device-1,O=Acme,C=US",
                SubjectNames.principal(name).getName(javax.security.auth.x500.X500Principal.RFC2253),
                "the JDK reads the same order");
        assertEquals(0, SubjectNames.parse("  ").getRDNs().length);
        assertThrows(IllegalArgumentException.class, () -> SubjectNames.parse("not a dn"));
    }

    @Test
    void canonicalIgnoresCaseSpacingAndStringTypeButNotOrder() {
        assertEquals(SubjectNames.canonical("CN=Device-1,O=Acme,C=US"),
                SubjectNames.canonical("cn=device-1, o=ACME,  c=us"));
        assertTrue(SubjectNames.same("CN=a,O=b", "cn = A , o = B"));
        assertNotEquals(SubjectNames.canonical("CN=a,O=b"), SubjectNames.canonical("O=b,CN=a"));
        assertNotEquals(SubjectNames.canonical("CN=a"), SubjectNames.canonical("CN=b"));
    }
}
