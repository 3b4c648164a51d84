package io.stratus.crypto.scep;

import java.io.IOException;
import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;

import io.stratus.crypto.CryptoException;
import io.stratus.crypto.SubjectNames;

/** The GetCert / GetCRL content (CMS IssuerAndSerialNumber); issuer as an RFC 4514 string. */
public record IssuerAndSerial(String issuerDn, BigInteger serial) {

    /** Parses DER; malformed → IllegalArgumentException. */
    public static IssuerAndSerial decode(byte[] der) {
        try {
            IssuerAndSerialNumber value = IssuerAndSerialNumber.getInstance(der);
            return new IssuerAndSerial(SubjectNames.toString(value.getName()), value.getSerialNumber().getValue());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed IssuerAndSerialNumber", e);
        }
    }

    /** DER with the issuer name exactly as given. */
    public static byte[] encode(X500Name issuer, BigInteger serial) {
        try {
            return new IssuerAndSerialNumber(issuer, serial).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CryptoException("cannot encode IssuerAndSerialNumber", e);
        }
    }
}
