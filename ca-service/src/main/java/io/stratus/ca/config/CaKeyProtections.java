package io.stratus.ca.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.stratus.crypto.CaKeyProtection;
import io.stratus.crypto.Pkcs11Config;
import io.stratus.crypto.Pkcs11KeyProtection;
import io.stratus.crypto.SoftwareKeyProtection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The key protections of this service, built once at start from {@code stratus.ca.key-protection}, the KEKs and
 * the PKCS#11 config file, so a missing or malformed setting stops the service at once. New keys go to the
 * configured mode; existing keys are opened by the protection their row names (a service switched to pkcs11
 * keeps reading its earlier software keys as long as the KEK stays configured).
 */
@Startup
@ApplicationScoped
public class CaKeyProtections {

    private final KeyProtectionMode mode;
    private final SoftwareKeyProtection software;
    private final Pkcs11KeyProtection pkcs11;
    private final KeyEncryptionKey previousKek;

    public CaKeyProtections(CaConfig config) {
        this.mode = config.keyProtection();
        boolean kekRequired = mode == KeyProtectionMode.SOFTWARE || config.previousKek().isPresent();
        String kek = config.kek().filter(value -> !value.isBlank()).orElse(null);
        this.software = kek != null || kekRequired
                ? new SoftwareKeyProtection(KeyEncryptionKey.fromBase64(kek).bytes()) // refuses a missing KEK
                : null;
        this.previousKek = config.previousKek().filter(value -> !value.isBlank())
                .map(value -> KeyEncryptionKey.fromBase64(KeyEncryptionKey.PREVIOUS, value)).orElse(null);
        this.pkcs11 = mode == KeyProtectionMode.PKCS11 ? openToken(config.pkcs11().config()) : null;
        Log.infof("new CA keys are generated %s", mode == KeyProtectionMode.PKCS11 ? "in the PKCS#11 token "
                + pkcs11 : "in software and wrapped under the KEK");
    }

    private static Pkcs11KeyProtection openToken(Optional<Path> file) {
        Path path = file.orElseThrow(() -> new IllegalStateException(
                "stratus.ca.pkcs11.config (STRATUS_CA_PKCS11_CONFIG) is required when stratus.ca.key-protection=pkcs11"));
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("stratus.ca.pkcs11.config: cannot read " + path);
        }
        return new Pkcs11KeyProtection(Pkcs11Config.load(path));
    }

    /** Where new CA keys are generated. */
    public CaKeyProtection forNewKeys() {
        return mode == KeyProtectionMode.PKCS11 ? pkcs11 : software;
    }

    /** The protection that opens keys stored under {@code kind} ({@link CaKeyProtection#kind()}). */
    public CaKeyProtection forKind(String kind) {
        if (SoftwareKeyProtection.KIND.equals(kind) && software != null) {
            return software;
        }
        if (Pkcs11KeyProtection.KIND.equals(kind) && pkcs11 != null) {
            return pkcs11;
        }
        throw new IllegalStateException("no " + kind + " key protection is configured (stratus.ca.kek for software,"
                + " stratus.ca.key-protection=pkcs11 with stratus.ca.pkcs11.config for pkcs11)");
    }

    /** The software protection under the current KEK, when a KEK is configured. */
    public Optional<SoftwareKeyProtection> software() {
        return Optional.ofNullable(software);
    }

    /** The token, in pkcs11 mode. */
    public Optional<Pkcs11KeyProtection> pkcs11() {
        return Optional.ofNullable(pkcs11);
    }

    /** {@code stratus.ca.previous-kek}, when a KEK rotation is under way. */
    public Optional<KeyEncryptionKey> previousKek() {
        return Optional.ofNullable(previousKek);
    }
}
