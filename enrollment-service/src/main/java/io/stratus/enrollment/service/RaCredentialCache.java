package io.stratus.enrollment.service;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.stratus.crypto.KeyWrapping;
import io.stratus.crypto.Pem;
import io.stratus.crypto.scep.RaCredentials;
import io.stratus.enrollment.config.KeyEncryptionKey;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Unwrapped RA credentials by CA, so a request does not unwrap the key again. An entry is used only
 * while the stored RA certificate and CA chain are the ones it was made from.
 */
@ApplicationScoped
public class RaCredentialCache {

    private record Entry(String certificatePem, String chainPem, RaCredentials credentials) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final KeyEncryptionKey kek;

    public RaCredentialCache(KeyEncryptionKey kek) {
        this.kek = kek;
    }

    /** The usable credentials of an issued RA credential of {@code authority}. */
    public RaCredentials credentials(Authority authority, StoredRaCredential stored) {
        String chainPem = chainOf(authority);
        Entry entry = entries.get(authority.id());
        if (entry != null && entry.certificatePem().equals(stored.certificatePem())
                && entry.chainPem().equals(chainPem)) {
            return entry.credentials();
        }
        PrivateKey key = KeyWrapping.unwrap(stored.wrappedKey(), kek.bytes(), RaProvisioning.RA_KEY.family(),
                RaProvisioning.wrappingContext(authority.id()));
        X509Certificate certificate = Pem.certificate(stored.certificatePem());
        List<X509Certificate> chain = Pem.certificates(chainPem);
        RaCredentials credentials = new RaCredentials(certificate, key, chain);
        entries.put(authority.id(), new Entry(stored.certificatePem(), chainPem, credentials));
        return credentials;
    }

    public void forget(String authorityId) {
        entries.remove(authorityId);
    }

    private static String chainOf(Authority authority) {
        return authority.chainPem() != null && !authority.chainPem().isBlank() ? authority.chainPem()
                : authority.certificatePem();
    }
}
