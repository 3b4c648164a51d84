package io.stratus.crypto;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * BouncyCastle content signers and verifiers backed by the fast provider. When the fast provider
 * cannot serve a key or algorithm (a PKCS#11 key handle, RSASSA-PSS parameters, ...), the JDK's
 * own provider selection is used instead: it offers the key to every registered provider, so a
 * token key finds the provider of its token (registered by {@link Pkcs11KeyProtection}). Keys that
 * cannot be exported (no encoding format) skip the fast provider altogether.
 */
public final class ContentSigners {

    private ContentSigners() {
    }

    /** A signer for a JCA algorithm name such as SHA256withRSA. */
    public static ContentSigner of(String signatureAlgorithm, PrivateKey key) {
        if (exportable(key)) {
            try {
                return new JcaContentSignerBuilder(signatureAlgorithm).setProvider(Providers.fast()).build(key);
            } catch (OperatorCreationException | RuntimeException fastProviderCannot) {
                // fall through to the JDK's provider selection
            }
        }
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm).build(key);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new CryptoException("cannot create a " + signatureAlgorithm + " signer", e);
        }
    }

    /**
     * A signer whose engine comes from {@code provider}, e.g. the provider of the PKCS#11 token that holds
     * the key; a null provider means {@link #of(String, PrivateKey)}.
     */
    public static ContentSigner of(String signatureAlgorithm, PrivateKey key, Provider provider) {
        if (provider == null) {
            return of(signatureAlgorithm, key);
        }
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm).setProvider(provider).build(key);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new CryptoException("cannot create a " + signatureAlgorithm + " signer with " + provider.getName(),
                    e);
        }
    }

    /** Software keys have an encoding (PKCS#8); PKCS#11 keys that never leave their token have none. */
    static boolean exportable(PrivateKey key) {
        return key != null && key.getFormat() != null;
    }

    /** A signer using the algorithm that belongs to the public key (SHA256withRSA for RSA-2048, ...). */
    public static ContentSigner forKey(PrivateKey key, PublicKey publicKey) {
        return of(KeyAlgorithm.of(publicKey).signatureAlgorithm(), key);
    }

    /** A verifier provider for a public key. */
    public static ContentVerifierProvider verifier(PublicKey key) {
        try {
            ContentVerifierProvider fast = new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.fast()).build(key);
            ContentVerifierProvider jdk = new JcaContentVerifierProviderBuilder().build(key);
            return new FallbackVerifierProvider(fast, jdk);
        } catch (OperatorCreationException e) {
            throw new CryptoException("cannot create a verifier", e);
        }
    }

    private static final class FallbackVerifierProvider implements ContentVerifierProvider {
        private final ContentVerifierProvider first;
        private final ContentVerifierProvider second;

        FallbackVerifierProvider(ContentVerifierProvider first, ContentVerifierProvider second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public boolean hasAssociatedCertificate() {
            return false;
        }

        @Override
        public X509CertificateHolder getAssociatedCertificate() {
            return null;
        }

        @Override
        public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
            try {
                return first.get(algorithm);
            } catch (OperatorCreationException | RuntimeException e) {
                return second.get(algorithm);
            }
        }
    }
}
