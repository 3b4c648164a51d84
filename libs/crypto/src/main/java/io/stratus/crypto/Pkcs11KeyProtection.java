package io.stratus.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * CA keys inside a PKCS#11 token through the JDK's SunPKCS11 provider.
 *
 * <p>Keys are generated in the token as sensitive, non-extractable token objects and stored under the CA id as
 * alias (CKA_LABEL / CKA_ID) in the token's {@code PKCS11} key store, together with a self-signed placeholder
 * certificate that the key store needs ({@link #storeCertificateChain} replaces it with the real chain). The
 * reference handed back is the alias; {@link #open} looks the key up by it. The configured provider is also
 * registered with {@link Security}, so the JDK's provider selection (and {@link ContentSigners#of(String,
 * PrivateKey)}) finds it for the token's keys; {@link CaSigningKey#contentSigner()} uses it directly.
 *
 * <p>One provider per token and JVM (cached by configuration), logged in with the configured PIN.
 */
public final class Pkcs11KeyProtection implements CaKeyProtection {

    public static final String KIND = "pkcs11";
    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();
    private static final String KEY_TEMPLATES = """
            attributes(generate, CKO_PRIVATE_KEY, *) = {
              CKA_TOKEN = true
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
              CKA_SIGN = true
            }
            attributes(generate, CKO_PUBLIC_KEY, *) = {
              CKA_TOKEN = true
              CKA_VERIFY = true
            }
            """;

    private final Pkcs11Config config;
    private final Provider provider;
    private final KeyStore keyStore;

    /**
     * Configures (or reuses) the token's provider and logs in.
     *
     * @throws CryptoException when the library does not load, the token is absent or the PIN is wrong
     * @throws IllegalStateException when {@code tokenLabel} cannot be resolved
     */
    public Pkcs11KeyProtection(Pkcs11Config config) {
        this.config = config;
        String sunConfig = sunPkcs11Config(config);
        this.provider = PROVIDERS.computeIfAbsent(sunConfig, Pkcs11KeyProtection::configure);
        try {
            keyStore = KeyStore.getInstance("PKCS11", provider);
            login();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot open the PKCS#11 key store of " + config, e);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The token's JCA provider (registered with {@link Security}). */
    public Provider provider() {
        return provider;
    }

    @Override
    public GeneratedCaKey generate(String caId, KeyAlgorithm algorithm) {
        String alias = alias(caId);
        synchronized (keyStore) {
            try {
                if (keyStore.containsAlias(alias)) {
                    throw new IllegalStateException("the token already holds a key for CA " + caId);
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.family(), provider);
                if (algorithm.curveName() != null) {
                    generator.initialize(new ECGenParameterSpec(algorithm.curveName()));
                } else {
                    generator.initialize(algorithm.size());
                }
                KeyPair keys = generator.generateKeyPair();
                X509Certificate placeholder = placeholderCertificate(caId, algorithm, keys);
                keyStore.setKeyEntry(alias, keys.getPrivate(), null, new Certificate[] {placeholder});
                CaSigningKey key = new CaSigningKey(caId, algorithm, storedKey(alias), placeholder.getPublicKey(),
                        provider);
                return new GeneratedCaKey(key, alias.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException | ProviderException e) {
                throw new CryptoException("cannot generate a " + algorithm + " key for CA " + caId + " in the token",
                        e);
            }
        }
    }

    @Override
    public CaSigningKey open(String caId, KeyAlgorithm algorithm, byte[] reference) {
        if (reference == null || reference.length == 0) {
            throw new IllegalArgumentException("key reference (token alias) is missing");
        }
        String alias = new String(reference, StandardCharsets.UTF_8);
        synchronized (keyStore) {
            try {
                if (!keyStore.containsAlias(alias)) {
                    login(); // another process or instance may have added it since we listed the token
                }
                if (!keyStore.containsAlias(alias)) {
                    throw new IllegalStateException("the token holds no key for CA " + caId + " (alias " + alias + ")");
                }
                PublicKey publicKey = keyStore.getCertificate(alias).getPublicKey();
                KeyAlgorithm actual = KeyAlgorithm.find(publicKey);
                if (actual != algorithm) {
                    throw new IllegalArgumentException("the key of CA " + caId + " is " + actual + ", not " + algorithm);
                }
                return new CaSigningKey(caId, algorithm, storedKey(alias), publicKey, provider);
            } catch (GeneralSecurityException e) {
                throw new CryptoException("cannot read the key of CA " + caId + " from the token", e);
            }
        }
    }

    /** True when the token holds a key under the CA's alias. */
    public boolean contains(String caId) {
        synchronized (keyStore) {
            try {
                return keyStore.containsAlias(alias(caId));
            } catch (GeneralSecurityException e) {
                throw new CryptoException("cannot list the token", e);
            }
        }
    }

    /** Replaces the placeholder certificate with the CA's real chain (leaf first); the key must match. */
    public void storeCertificateChain(String caId, X509Certificate... chain) {
        String alias = alias(caId);
        synchronized (keyStore) {
            try {
                Certificate current = keyStore.getCertificate(alias);
                if (current == null) {
                    throw new IllegalStateException("the token holds no key for CA " + caId);
                }
                if (chain.length == 0 || !Arrays.equals(current.getPublicKey().getEncoded(),
                        chain[0].getPublicKey().getEncoded())) {
                    throw new IllegalArgumentException("the certificate does not belong to the key of CA " + caId);
                }
                keyStore.setKeyEntry(alias, storedKey(alias), null, chain);
            } catch (GeneralSecurityException e) {
                throw new CryptoException("cannot store the certificate chain of CA " + caId, e);
            }
        }
    }

    /** Destroys the CA's key and certificate in the token; false when there was none. */
    public boolean delete(String caId) {
        String alias = alias(caId);
        synchronized (keyStore) {
            try {
                if (!keyStore.containsAlias(alias)) {
                    return false;
                }
                keyStore.deleteEntry(alias);
                return true;
            } catch (GeneralSecurityException e) {
                throw new CryptoException("cannot delete the key of CA " + caId, e);
            }
        }
    }

    private PrivateKey storedKey(String alias) throws GeneralSecurityException {
        Key key = keyStore.getKey(alias, null);
        if (!(key instanceof PrivateKey)) {
            throw new IllegalStateException("the token entry " + alias + " is not a private key");
        }
        return (PrivateKey) key;
    }

    private void login() throws GeneralSecurityException {
        char[] pin = config.pin();
        try {
            keyStore.load(null, pin);
        } catch (IOException e) {
            throw new CryptoException("cannot log in to the PKCS#11 token of " + config + " (wrong PIN?)", e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** Self-signed by the new key; it only lets the PKCS11 key store keep the key under its alias. */
    private X509Certificate placeholderCertificate(String caId, KeyAlgorithm algorithm, KeyPair keys) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Stratus CA key " + caId)
                .addRDN(BCStyle.OU, "key placeholder, not a CA certificate").build();
        Instant now = Instant.now();
        return Certificates.toX509(Certificates.start(name, Serials.random(), now.minus(Duration.ofMinutes(1)),
                Instant.parse("9999-12-31T23:59:59Z"), name, keys.getPublic())
                .build(ContentSigners.of(algorithm.signatureAlgorithm(), keys.getPrivate(), provider)));
    }

    private static String alias(String caId) {
        if (caId == null || caId.isBlank()) {
            throw new IllegalArgumentException("CA id is required");
        }
        return caId;
    }

    static String sunPkcs11Config(Pkcs11Config config) {
        String slot;
        if (config.tokenLabel() != null) {
            slot = "slot = " + intSlot(Pkcs11Slots.slotOf(config.library(), config.tokenLabel()));
        } else if (config.slot() != null) {
            slot = "slot = " + intSlot(config.slot());
        } else {
            slot = "slotListIndex = " + (config.slotListIndex() != null ? config.slotListIndex() : 0);
        }
        String name = "Stratus-" + config.name() + "-" + slot.replaceAll("[^A-Za-z0-9]", "");
        return "name = " + name + "\nlibrary = \"" + config.library() + "\"\n" + slot + "\n" + KEY_TEMPLATES;
    }

    private static long intSlot(long slot) {
        if (slot < 0 || slot > Integer.MAX_VALUE) {
            throw new IllegalStateException("SunPKCS11 takes slot ids up to " + Integer.MAX_VALUE + ", not " + slot
                    + "; configure slotListIndex instead");
        }
        return slot;
    }

    private static Provider configure(String sunConfig) {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new CryptoException("the SunPKCS11 provider is missing (module jdk.crypto.cryptoki)");
        }
        try {
            Provider configured = base.configure("--" + sunConfig);
            Security.addProvider(configured);
            return configured;
        } catch (ProviderException | InvalidParameterException e) {
            throw new CryptoException("cannot configure SunPKCS11 (" + firstLines(sunConfig) + "): " + e.getMessage(),
                    e);
        }
    }

    private static String firstLines(String sunConfig) {
        return sunConfig.lines().limit(3).reduce((a, b) -> a + "; " + b).orElse("");
    }

    @Override
    public String toString() {
        return "Pkcs11KeyProtection[" + config + "]";
    }
}
