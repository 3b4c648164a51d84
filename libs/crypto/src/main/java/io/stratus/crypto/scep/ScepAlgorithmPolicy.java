package io.stratus.crypto.scep;

import java.util.Set;

/**
 * Which request algorithms a SCEP server accepts. AES-128/192/256-CBC content encryption and SHA-2
 * digests are always accepted; single DES, 3DES, MD5 and SHA-1 are switched here.
 * {@link #DEFAULT} refuses DES and MD5 but keeps 3DES and SHA-1 for older clients.
 */
public record ScepAlgorithmPolicy(boolean allowDes, boolean allowTripleDes, boolean allowMd5, boolean allowSha1) {

    public static final ScepAlgorithmPolicy DEFAULT = new ScepAlgorithmPolicy(false, true, false, true);
    public static final ScepAlgorithmPolicy STRICT = new ScepAlgorithmPolicy(false, false, false, false);
    public static final ScepAlgorithmPolicy LEGACY = new ScepAlgorithmPolicy(true, true, true, true);

    private static final Set<String> AES_CBC = Set.of(ScepAlgorithms.AES128_CBC, ScepAlgorithms.AES192_CBC,
            ScepAlgorithms.AES256_CBC);
    private static final Set<String> SHA2 = Set.of(ScepAlgorithms.SHA224, ScepAlgorithms.SHA256,
            ScepAlgorithms.SHA384, ScepAlgorithms.SHA512);

    public boolean permitsDigest(String oid) {
        if (oid == null) {
            return false;
        }
        if (SHA2.contains(oid)) {
            return true;
        }
        if (ScepAlgorithms.SHA1.equals(oid)) {
            return allowSha1;
        }
        if (ScepAlgorithms.MD5.equals(oid)) {
            return allowMd5;
        }
        return false;
    }

    public boolean permitsContentEncryption(String oid) {
        if (oid == null) {
            return false;
        }
        if (AES_CBC.contains(oid)) {
            return true;
        }
        if (ScepAlgorithms.DES_EDE3_CBC.equals(oid)) {
            return allowTripleDes;
        }
        if (ScepAlgorithms.DES_CBC.equals(oid)) {
            return allowDes;
        }
        return false;
    }
}
