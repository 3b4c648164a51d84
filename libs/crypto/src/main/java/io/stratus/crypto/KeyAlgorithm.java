package io.stratus.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** The key types Stratus issues for and signs with, each with its signature algorithm. */
public enum KeyAlgorithm {
    RSA_2048("RSA", 2048, "SHA256withRSA", null),
    RSA_3072("RSA", 3072, "SHA384withRSA", null),
    RSA_4096("RSA", 4096, "SHA512withRSA", null),
    EC_P256("EC", 256, "SHA256withECDSA", "secp256r1"),
    EC_P384("EC", 384, "SHA384withECDSA", "secp384r1");

    public static final String RSA = "RSA";
    public static final String EC = "EC";

    private final String family;
    private final int size;
    private final String signatureAlgorithm;
    private final String curve;

    KeyAlgorithm(String family, int size, String signatureAlgorithm, String curve) {
        this.family = family;
        this.size = size;
        this.signatureAlgorithm = signatureAlgorithm;
        this.curve = curve;
    }

    /** Generates a fresh key pair with the fast provider. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = Providers.keyPairGenerator(family);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot generate a " + this + " key pair", e);
        }
    }

    /** JCA signature algorithm used when this key signs (SHA256withRSA, SHA384withECDSA, ...). */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** "RSA" or "EC". */
    public String family() {
        return family;
    }

    /** RSA modulus bits or EC curve field size. */
    public int size() {
        return size;
    }

    /** Named curve (secp256r1, secp384r1) for EC, null for RSA. */
    public String curveName() {
        return curve;
    }

    /** The algorithm for a family ("RSA", "EC", also "ECDSA") and size; unknown → IllegalArgumentException. */
    public static KeyAlgorithm of(String family, int size) {
        String normalized = normalizeFamily(family);
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.family.equals(normalized) && algorithm.size == size) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unsupported key algorithm: " + family + " " + size);
    }

    /** Detects the algorithm of a public key; unknown type, size or curve → IllegalArgumentException. */
    public static KeyAlgorithm of(PublicKey key) {
        String family = familyOf(key);
        return of(family, sizeOf(key));
    }

    /** Like {@link #of(PublicKey)} but returns null instead of throwing. */
    public static KeyAlgorithm find(PublicKey key) {
        try {
            return of(key);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** "RSA" or "EC" for such keys, otherwise the key's own algorithm name in upper case. */
    public static String familyOf(PublicKey key) {
        if (key == null) {
            throw new IllegalArgumentException("public key is missing");
        }
        return normalizeFamily(key.getAlgorithm());
    }

    /**
     * RSA modulus bits; for EC the size of a NIST curve (256 for P-256, 384 for P-384, 521 for P-521)
     * and 0 for any other or explicitly encoded curve; 0 for other key types.
     */
    public static int sizeOf(PublicKey key) {
        String family = familyOf(key);
        if (RSA.equals(family)) {
            if (key instanceof RSAPublicKey) {
                return ((RSAPublicKey) key).getModulus().bitLength();
            }
            return 0;
        }
        if (EC.equals(family)) {
            return namedCurveSize(key);
        }
        return 0;
    }

    private static int namedCurveSize(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return 0;
        }
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(encoded);
        if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier)) {
            return 0;
        }
        ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) info.getAlgorithm().getParameters();
        if (X9ObjectIdentifiers.prime256v1.equals(curve)) {
            return 256;
        }
        if (SECObjectIdentifiers.secp384r1.equals(curve)) {
            return 384;
        }
        if (SECObjectIdentifiers.secp521r1.equals(curve)) {
            return 521;
        }
        return 0;
    }

    private static String normalizeFamily(String family) {
        if (family == null) {
            throw new IllegalArgumentException("key family is missing");
        }
        String upper = family.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("ECDSA") || upper.equals("ELLIPTICCURVE")) {
            return EC;
        }
        return upper;
    }
}
