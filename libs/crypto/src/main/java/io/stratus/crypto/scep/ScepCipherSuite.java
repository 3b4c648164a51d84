package io.stratus.crypto.scep;

/** Content encryption and digest a SCEP client uses for its requests (OIDs). */
public record ScepCipherSuite(String contentEncryptionOid, String digestOid) {

    public static final ScepCipherSuite AES256_SHA256 = new ScepCipherSuite(ScepAlgorithms.AES256_CBC,
            ScepAlgorithms.SHA256);
    public static final ScepCipherSuite AES128_SHA256 = new ScepCipherSuite(ScepAlgorithms.AES128_CBC,
            ScepAlgorithms.SHA256);
    public static final ScepCipherSuite AES128_SHA1 = new ScepCipherSuite(ScepAlgorithms.AES128_CBC,
            ScepAlgorithms.SHA1);
    public static final ScepCipherSuite TRIPLE_DES_SHA1 = new ScepCipherSuite(ScepAlgorithms.DES_EDE3_CBC,
            ScepAlgorithms.SHA1);
    /** Only for testing that servers refuse it. */
    public static final ScepCipherSuite DES_SHA256 = new ScepCipherSuite(ScepAlgorithms.DES_CBC,
            ScepAlgorithms.SHA256);
    /** Only for testing that servers refuse it. */
    public static final ScepCipherSuite AES256_MD5 = new ScepCipherSuite(ScepAlgorithms.AES256_CBC,
            ScepAlgorithms.MD5);
}
