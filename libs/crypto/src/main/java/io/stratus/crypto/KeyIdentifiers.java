package io.stratus.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key identifiers as RFC 5280 section 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
public final class KeyIdentifiers {

    private KeyIdentifiers() {
    }

    /** The 20-byte key identifier of a public key. */
    public static byte[] of(PublicKey key) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        try {
            return MessageDigest.getInstance("SHA-1").digest(info.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoException("SHA-1 is not available", e);
        }
    }

    /** The certificate's subjectKeyIdentifier extension, or the identifier computed from its key. */
    public static byte[] of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return of(certificate.getPublicKey());
        }
        ASN1OctetString wrapped = ASN1OctetString.getInstance(extension);
        return SubjectKeyIdentifier.getInstance(wrapped.getOctets()).getKeyIdentifier();
    }
}
