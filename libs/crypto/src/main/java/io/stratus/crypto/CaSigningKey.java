package io.stratus.crypto;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;

import org.bouncycastle.operator.ContentSigner;

/**
 * A CA's private key ready to sign, with its public key and the provider that can use it (the fast provider
 * for software keys, the token's provider for PKCS#11 keys). The private key may be a token handle whose
 * {@code getEncoded()} is null. It works with {@link LeafCertificateSigner}, {@link CaCertificateBuilder} and
 * {@link Crls} through {@link #privateKey()} and {@link #keyPair()}.
 */
public record CaSigningKey(String caId, KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey,
        Provider provider) {

    public CaSigningKey {
        if (caId == null || algorithm == null || privateKey == null || publicKey == null) {
            throw new IllegalArgumentException("caId, algorithm and both keys are required");
        }
    }

    /** The key pair, e.g. for {@link CaCertificateBuilder#selfSignedRoot}. */
    public KeyPair keyPair() {
        return new KeyPair(publicKey, privateKey);
    }

    /** A BouncyCastle signer with the algorithm's signature scheme, from {@link #provider()}. */
    public ContentSigner contentSigner() {
        return ContentSigners.of(algorithm.signatureAlgorithm(), privateKey, provider);
    }

    /** True when the private key can be exported (a software key). */
    public boolean exportable() {
        return ContentSigners.exportable(privateKey);
    }

    @Override
    public String toString() {
        return "CaSigningKey[" + caId + ", " + algorithm + ", " + (provider == null ? "default" : provider.getName())
                + "]";
    }
}
