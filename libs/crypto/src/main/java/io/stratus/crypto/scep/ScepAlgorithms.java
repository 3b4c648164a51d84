package io.stratus.crypto.scep;

import java.security.PublicKey;

import io.stratus.crypto.KeyAlgorithm;

/** OIDs of the algorithms SCEP messages use, and the JCA names behind them. */
public final class ScepAlgorithms {

    public static final String MD5 = "1.2.840.113549.2.5";
    public static final String SHA1 = "1.3.14.3.2.26";
    public static final String SHA224 = "2.16.840.1.101.3.4.2.4";
    public static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    public static final String SHA384 = "2.16.840.1.101.3.4.2.2";
    public static final String SHA512 = "2.16.840.1.101.3.4.2.3";

    public static final String DES_CBC = "1.3.14.3.2.7";
    public static final String DES_EDE3_CBC = "1.2.840.113549.3.7";
    public static final String AES128_CBC = "2.16.840.1.101.3.4.1.2";
    public static final String AES192_CBC = "2.16.840.1.101.3.4.1.22";
    public static final String AES256_CBC = "2.16.840.1.101.3.4.1.42";

    private ScepAlgorithms() {
    }

    /** "SHA256withRSA", "SHA1withECDSA", ... for a digest OID and a signer key. */
    static String signatureAlgorithm(String digestOid, PublicKey signerKey) {
        String family = KeyAlgorithm.familyOf(signerKey);
        boolean ec = KeyAlgorithm.EC.equals(family);
        String digest = digestName(digestOid);
        if (ec && digest.equals("MD5")) {
            digest = "SHA256"; // there is no MD5 with ECDSA
        }
        return digest + (ec ? "withECDSA" : "withRSA");
    }

    static String digestName(String digestOid) {
        if (digestOid == null) {
            return "SHA256";
        }
        switch (digestOid) {
            case MD5:
                return "MD5";
            case SHA1:
                return "SHA1";
            case SHA224:
                return "SHA224";
            case SHA384:
                return "SHA384";
            case SHA512:
                return "SHA512";
            default:
                return "SHA256";
        }
    }

    /** The content encryption for a reply: the request's, or AES-256-CBC when unknown. */
    static String replyEncryption(String requestOid) {
        if (requestOid == null) {
            return AES256_CBC;
        }
        switch (requestOid) {
            case AES128_CBC:
            case AES192_CBC:
            case AES256_CBC:
            case DES_EDE3_CBC:
            case DES_CBC:
                return requestOid;
            default:
                return AES256_CBC;
        }
    }
}
