package io.stratus.enrollment.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stratus.crypto.Csrs;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.San;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;
import io.stratus.events.SubjectAltName;

/** The CSR checks against an issuance policy, each case with a real signed CSR. */
class CsrPolicyTest {

    static KeyPair rsa2048;
    static KeyPair ecP256;
    final CsrPolicy policy = new CsrPolicy();

    @BeforeAll
    static void keys() {
        rsa2048 = KeyAlgorithm.RSA_2048.generate();
        ecP256 = KeyAlgorithm.EC_P256.generate();
    }

    static IssuancePolicy policy(String subject, List<SubjectAltName> sans, KeySpec key) {
        return new IssuancePolicy(subject, sans, key, List.of("1.3.6.1.5.5.7.3.2"), List.of("digitalSignature"), 365);
    }

    static ParsedCsr csr(KeyPair keys, String subject, List<San> sans) {
        return Csrs.parse(Csrs.build(keys, subject, sans, "secret"));
    }

    static final List<SubjectAltName> DNS = List.of(new SubjectAltName(SubjectAltName.Type.DNS, "dev-1.contoso.test"));

    @Test
    void matchingCsrPasses() {
        ParsedCsr csr = csr(rsa2048, "CN=dev-1,O=Contoso", List.of(San.dns("dev-1.contoso.test")));
        assertNull(policy.violation(csr, policy("CN=dev-1,O=Contoso", DNS, KeySpec.rsa(2048))));
    }

    @Test
    void subjectComparesCanonically() {
        ParsedCsr csr = csr(rsa2048, "cn=DEV-1, o=contoso", List.of(San.dns("DEV-1.contoso.test")));
        assertNull(policy.violation(csr, policy("CN=dev-1,O=Contoso", DNS, KeySpec.rsa(2048))));
    }

    @Test
    void violationsAreNamed() {
        IssuancePolicy expected = policy("CN=dev-1,O=Contoso", DNS, KeySpec.rsa(2048));
        record Case(ParsedCsr csr, String violation) {
        }
        List<Case> cases = List.of(
                new Case(csr(rsa2048, "CN=dev-2,O=Contoso", List.of(San.dns("dev-1.contoso.test"))),
                        "subject does not match the profile"),
                new Case(csr(rsa2048, "O=Contoso,CN=dev-1", List.of(San.dns("dev-1.contoso.test"))),
                        "subject does not match the profile"),
                new Case(csr(rsa2048, "CN=dev-1,O=Contoso", List.of()),
                        "subject alternative names do not match the profile"),
                new Case(csr(rsa2048, "CN=dev-1,O=Contoso",
                        List.of(San.dns("dev-1.contoso.test"), San.dns("evil.example"))),
                        "subject alternative names do not match the profile"),
                new Case(csr(rsa2048, "CN=dev-1,O=Contoso", List.of(San.email("dev-1@contoso.test"))),
                        "subject alternative names do not match the profile"),
                new Case(csr(ecP256, "CN=dev-1,O=Contoso", List.of(San.dns("dev-1.contoso.test"))),
                        "key type EC where the profile requires RSA"));
        for (Case c : cases) {
            assertEquals(c.violation(), policy.violation(c.csr(), expected), c.csr().toString());
        }
    }

    @Test
    void keySmallerThanThePolicyFails() {
        ParsedCsr csr = csr(rsa2048, "CN=dev-1,O=Contoso", List.of(San.dns("dev-1.contoso.test")));
        assertEquals("key size 2048 is below the profile's 4096",
                policy.violation(csr, policy("CN=dev-1,O=Contoso", DNS, KeySpec.rsa(4096))));
    }

    @Test
    void ecKeyOfTheRightCurvePasses() {
        ParsedCsr csr = csr(ecP256, "CN=dev-1,O=Contoso", List.of(San.dns("dev-1.contoso.test")));
        assertNull(policy.violation(csr, policy("CN=dev-1,O=Contoso", DNS, KeySpec.ec(256))));
    }
}
