package io.stratus.crypto;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * PEM and DER conversions for certificates, CSRs, CRLs and public keys.
 *
 * <p>Stateless: all methods are static; the public constructor only lets frameworks instantiate it.
 */
public final class Pem {

    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
    public static final String PUBLIC_KEY = "PUBLIC KEY";
    public static final String X509_CRL = "X509 CRL";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    public Pem() {
    }

    /** PEM of one certificate. */
    public static String encode(X509Certificate certificate) {
        return armor(CERTIFICATE, der(certificate));
    }

    /** Concatenated PEM of several certificates, in the given order. */
    public static String encode(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            out.append(encode(certificate));
        }
        return out.toString();
    }

    /** PEM of a PKCS#10 request. */
    public static String encodeCsr(byte[] der) {
        return armor(CERTIFICATE_REQUEST, der);
    }

    /** PEM of a CRL. */
    public static String encode(X509CRL crl) {
        try {
            return armor(X509_CRL, crl.getEncoded());
        } catch (CRLException e) {
            throw new CryptoException("cannot encode CRL", e);
        }
    }

    /** PEM of a SubjectPublicKeyInfo. */
    public static String encodePublicKey(PublicKey key) {
        return armor(PUBLIC_KEY, key.getEncoded());
    }

    /** Any PEM block (label such as "CERTIFICATE"). */
    public static String armor(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** DER of every PEM block with the given label, in order. */
    public static List<byte[]> blocks(String pem, String label) {
        List<byte[]> out = new ArrayList<>();
        if (pem == null) {
            return out;
        }
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(label)) {
                out.add(decodeBase64(matcher.group(2)));
            }
        }
        return out;
    }

    /** The first certificate in a PEM text; none → IllegalArgumentException. */
    public static X509Certificate certificate(String pem) {
        List<X509Certificate> all = certificates(pem);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate found");
        }
        return all.get(0);
    }

    /** All certificates in a PEM text, in order (empty list when there is none). */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : blocks(pem, CERTIFICATE)) {
            out.add(certificate(der));
        }
        return out;
    }

    /** A certificate from DER. */
    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER X.509 certificate", e);
        }
    }

    /** All certificates from DER or PEM bytes, or from a PKCS#7 bundle. */
    public static List<X509Certificate> certificatesFromBytes(byte[] derOrPem) {
        try {
            Collection<? extends Certificate> all = factory().generateCertificates(new ByteArrayInputStream(derOrPem));
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate certificate : all) {
                out.add((X509Certificate) certificate);
            }
            return out;
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("no certificates could be read", e);
        }
    }

    /** DER of a PKCS#10 request given as PEM. */
    public static byte[] csr(String pem) {
        List<byte[]> blocks = blocks(pem, CERTIFICATE_REQUEST);
        if (blocks.isEmpty()) {
            blocks = blocks(pem, "NEW CERTIFICATE REQUEST");
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate request found");
        }
        return blocks.get(0);
    }

    /** A CRL from PEM. */
    public static X509CRL crl(String pem) {
        List<byte[]> blocks = blocks(pem, X509_CRL);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no PEM CRL found");
        }
        return crl(blocks.get(0));
    }

    /** A CRL from DER. */
    public static X509CRL crl(byte[] der) {
        try {
            return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
        } catch (CRLException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER X.509 CRL", e);
        }
    }

    /** A public key from a PEM "PUBLIC KEY" block or from base64 of a SubjectPublicKeyInfo. */
    public static PublicKey publicKey(String pemOrBase64Spki) {
        if (pemOrBase64Spki == null || pemOrBase64Spki.isBlank()) {
            throw new IllegalArgumentException("public key is missing");
        }
        List<byte[]> blocks = blocks(pemOrBase64Spki, PUBLIC_KEY);
        byte[] der = blocks.isEmpty() ? decodeBase64(pemOrBase64Spki) : blocks.get(0);
        return publicKey(der);
    }

    /** A public key from DER SubjectPublicKeyInfo (RSA or EC). */
    public static PublicKey publicKey(byte[] spki) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
            String family = familyOf(info);
            KeyFactory factory = KeyFactory.getInstance(family);
            return factory.generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an RSA or EC SubjectPublicKeyInfo", e);
        }
    }

    /** DER of a certificate. */
    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CryptoException("cannot encode certificate", e);
        }
    }

    private static String familyOf(SubjectPublicKeyInfo info) {
        String oid = info.getAlgorithm().getAlgorithm().getId();
        if (oid.equals("1.2.840.113549.1.1.1")) {
            return KeyAlgorithm.RSA;
        }
        if (oid.equals("1.2.840.10045.2.1")) {
            return KeyAlgorithm.EC;
        }
        throw new IllegalArgumentException("unsupported public key algorithm " + oid);
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid base64 in PEM");
        }
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }
}
