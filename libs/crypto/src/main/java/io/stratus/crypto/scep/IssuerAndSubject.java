package io.stratus.crypto.scep;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;

import io.stratus.crypto.CryptoException;
import io.stratus.crypto.SubjectNames;

/** The CertPoll content: {@code SEQUENCE { issuer Name, subject Name }}; DNs as RFC 4514 strings. */
public record IssuerAndSubject(String issuerDn, String subjectDn) {

    /** Parses DER; malformed → IllegalArgumentException. */
    public static IssuerAndSubject decode(byte[] der) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(der);
            if (sequence.size() != 2) {
                throw new IllegalArgumentException("IssuerAndSubject must have two names");
            }
            return new IssuerAndSubject(SubjectNames.toString(X500Name.getInstance(sequence.getObjectAt(0))),
                    SubjectNames.toString(X500Name.getInstance(sequence.getObjectAt(1))));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed IssuerAndSubject", e);
        }
    }

    /** DER with the names exactly as given. */
    public static byte[] encode(X500Name issuer, X500Name subject) {
        try {
            return new DERSequence(new X500Name[] {issuer, subject}).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CryptoException("cannot encode IssuerAndSubject", e);
        }
    }
}
