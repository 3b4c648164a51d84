package io.stratus.ca.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Decodes the KEK once at start, so a missing or malformed {@code stratus.ca.kek} stops the service at once. */
@ApplicationScoped
public class KeyEncryptionKeyProducer {

    @Produces
    @Startup
    @Singleton
    KeyEncryptionKey keyEncryptionKey(CaConfig config) {
        return KeyEncryptionKey.fromBase64(config.kek());
    }
}
