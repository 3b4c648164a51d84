package io.stratus.crypto;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.x509.KeyUsage;

/** Key usage names as in RFC 5280 (digitalSignature, keyEncipherment, ...) and their bits. */
public final class KeyUsages {

    public static final String DIGITAL_SIGNATURE = "digitalSignature";
    public static final String NON_REPUDIATION = "nonRepudiation";
    public static final String KEY_ENCIPHERMENT = "keyEncipherment";
    public static final String DATA_ENCIPHERMENT = "dataEncipherment";
    public static final String KEY_AGREEMENT = "keyAgreement";
    public static final String KEY_CERT_SIGN = "keyCertSign";
    public static final String CRL_SIGN = "cRLSign";

    private static final Map<String, Integer> BITS = Map.of(
            "digitalsignature", KeyUsage.digitalSignature,
            "nonrepudiation", KeyUsage.nonRepudiation,
            "contentcommitment", KeyUsage.nonRepudiation,
            "keyencipherment", KeyUsage.keyEncipherment,
            "dataencipherment", KeyUsage.dataEncipherment,
            "keyagreement", KeyUsage.keyAgreement,
            "keycertsign", KeyUsage.keyCertSign,
            "crlsign", KeyUsage.cRLSign,
            "encipheronly", KeyUsage.encipherOnly,
            "decipheronly", KeyUsage.decipherOnly);

    private KeyUsages() {
    }

    /** The key usage bit for a name (case-insensitive); unknown → IllegalArgumentException. */
    public static int bit(String name) {
        Integer bit = name == null ? null : BITS.get(name.trim().toLowerCase(Locale.ROOT));
        if (bit == null) {
            throw new IllegalArgumentException("unknown key usage: " + name);
        }
        return bit;
    }

    /** True when the name means an encryption usage that an EC key cannot have. */
    static boolean isEncipherment(String name) {
        int bit = bit(name);
        return bit == KeyUsage.keyEncipherment || bit == KeyUsage.dataEncipherment;
    }

    /** Combined bits of several names. */
    public static int bits(List<String> names) {
        int bits = 0;
        for (String name : names) {
            bits |= bit(name);
        }
        return bits;
    }
}
