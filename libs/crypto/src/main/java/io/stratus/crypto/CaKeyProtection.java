package io.stratus.crypto;

/**
 * Where CA private keys live and how they are reached for signing.
 *
 * <p>Two implementations: {@link SoftwareKeyProtection} generates keys in software and hands back an
 * AES-256-GCM blob (under a key-encryption key, bound to the CA id) for the caller to store;
 * {@link Pkcs11KeyProtection} generates non-extractable keys inside a PKCS#11 token under the CA id as alias
 * and hands back that alias. Either way the caller stores {@link GeneratedCaKey#reference()} next to the CA
 * and later passes it to {@link #open} to sign. Key material never appears in messages or {@code toString()}.
 */
public interface CaKeyProtection {

    /** "software" or "pkcs11", for storing next to the reference. */
    String kind();

    /**
     * Generates a new key for the CA {@code caId}.
     *
     * @throws IllegalStateException when the store already holds a key for {@code caId} (PKCS#11)
     */
    GeneratedCaKey generate(String caId, KeyAlgorithm algorithm);

    /**
     * The signing key for a reference returned by {@link #generate}.
     *
     * @throws KeyWrappingException when the reference does not open (wrong KEK, other CA, tampered blob)
     * @throws IllegalStateException when the token holds no such key
     * @throws IllegalArgumentException when the key is not of {@code algorithm}
     */
    CaSigningKey open(String caId, KeyAlgorithm algorithm, byte[] reference);

    /** A freshly generated CA key: the handle to sign with now, and the reference to store. */
    record GeneratedCaKey(CaSigningKey key, byte[] reference) {

        public GeneratedCaKey {
            reference = reference.clone();
        }

        @Override
        public byte[] reference() {
            return reference.clone();
        }

        @Override
        public String toString() {
            return "GeneratedCaKey[" + key + ", reference=" + reference.length + " bytes]";
        }
    }
}
