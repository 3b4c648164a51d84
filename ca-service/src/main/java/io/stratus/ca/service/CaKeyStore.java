package io.stratus.ca.service;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stratus.ca.config.KeyEncryptionKey;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyWrapping;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * CA private keys: wrapped under the KEK (AES-256-GCM, the authority id as additional authenticated data) before
 * they reach the database, unwrapped on first use and then kept in memory. Keys never leave this class in text.
 */
@ApplicationScoped
public class CaKeyStore {

    private final KeyEncryptionKey kek;
    private final Map<String, PrivateKey> unwrapped = new ConcurrentHashMap<>();

    public CaKeyStore(KeyEncryptionKey kek) {
        this.kek = kek;
    }

    /** The blob to store for a new CA's key. */
    public byte[] wrap(String authorityId, PrivateKey key) {
        return KeyWrapping.wrap(key, kek.bytes(), aad(authorityId));
    }

    /** The CA's private key (CPU work on first use: call off the event loop). */
    public PrivateKey privateKey(AuthorityEntity authority) {
        return unwrapped.computeIfAbsent(authority.id, id -> KeyWrapping.unwrap(authority.wrappedKey, kek.bytes(),
                KeyAlgorithm.valueOf(authority.keyAlgorithm).family(), aad(id)));
    }

    private static byte[] aad(String authorityId) {
        return authorityId.getBytes(StandardCharsets.UTF_8);
    }
}
