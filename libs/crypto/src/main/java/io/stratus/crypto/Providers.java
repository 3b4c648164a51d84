package io.stratus.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;

import javax.crypto.Cipher;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Chooses the JCA provider for private-key operations and key generation.
 *
 * <p>Amazon Corretto Crypto Provider (native AWS-LC) is used when it loads and is healthy; otherwise
 * the JDK's own providers are used through one bundling provider, so callers never receive null.
 * Setting the system property {@value #ACCP_PROPERTY} to {@code false} disables ACCP (read on every
 * call, so tests can exercise both paths). BouncyCastle is only registered for ASN.1/CMS work.
 */
public final class Providers {

    /** System property that disables Amazon Corretto Crypto Provider when set to {@code false}. */
    public static final String ACCP_PROPERTY = "stratus.crypto.accp";

    private Providers() {
    }

    /** The fast provider: ACCP when it loads and is enabled, else a bundle of the JDK providers. */
    public static Provider fast() {
        if (accpEnabled()) {
            Provider accp = AccpHolder.ACCP;
            if (accp != null) {
                return accp;
            }
        }
        return JdkHolder.JDK;
    }

    /** Name of {@link #fast()}; the provider is registered with {@link Security} so lookups by name work. */
    public static String fastName() {
        return fast().getName();
    }

    /** True when ACCP is enabled by configuration and loaded without error. */
    public static boolean accpActive() {
        return accpEnabled() && AccpHolder.ACCP != null;
    }

    /** Adds the BouncyCastle provider at the end of the provider list, once. */
    public static void installBouncyCastle() {
        bouncyCastle();
    }

    /** The registered BouncyCastle provider (installed on first use, at the lowest priority). */
    public static Provider bouncyCastle() {
        return BcHolder.BC;
    }

    /** A signature engine from the fast provider. */
    public static Signature signature(String algorithm) throws GeneralSecurityException {
        return Signature.getInstance(algorithm, fast());
    }

    /** A key pair generator from the fast provider. */
    public static KeyPairGenerator keyPairGenerator(String family) throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(family, fast());
    }

    /** A key factory from the fast provider. */
    public static KeyFactory keyFactory(String family) throws GeneralSecurityException {
        return KeyFactory.getInstance(family, fast());
    }

    /** A cipher from the fast provider, or from the JDK when the fast provider lacks the transformation. */
    public static Cipher cipher(String transformation) throws GeneralSecurityException {
        try {
            return Cipher.getInstance(transformation, fast());
        } catch (GeneralSecurityException notThere) {
            return Cipher.getInstance(transformation);
        }
    }

    private static boolean accpEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty(ACCP_PROPERTY, "true").trim());
    }

    private static final class AccpHolder {
        static final Provider ACCP = loadAccp();

        private static Provider loadAccp() {
            try {
                com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider accp =
                        com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
                if (accp.getLoadingError() != null) {
                    return null;
                }
                accp.assertHealthy();
                register(accp);
                return accp;
            } catch (Throwable unavailable) { // native library missing, wrong platform, self-test failure
                return null;
            }
        }
    }

    private static final class JdkHolder {
        static final Provider JDK = register(new JdkProviderBundle());
    }

    private static final class BcHolder {
        static final Provider BC = loadBc();

        private static Provider loadBc() {
            Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            return existing != null ? existing : register(new BouncyCastleProvider());
        }
    }

    private static synchronized Provider register(Provider provider) {
        Provider existing = Security.getProvider(provider.getName());
        if (existing != null) {
            return existing;
        }
        Security.addProvider(provider);
        return provider;
    }
}
