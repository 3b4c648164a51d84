package io.stratus.simulator.entity;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate stores of one device, as an MDM agent fills them from trusted-certificate
 * profiles: trusted roots and intermediate CAs. Thread-safe.
 */
public final class DeviceTrustStore {

    private final List<X509Certificate> roots = new ArrayList<>();
    private final List<X509Certificate> intermediates = new ArrayList<>();

    /**
     * Installs a certificate into the store named by a profile ({@code COMPUTER_ROOT},
     * {@code COMPUTER_INTERMEDIATE}, {@code USER_INTERMEDIATE}); an unnamed store means a root when the
     * certificate is self-signed, otherwise an intermediate.
     */
    public synchronized void install(String store, X509Certificate certificate) {
        List<X509Certificate> target = isRootStore(store, certificate) ? roots : intermediates;
        if (!target.contains(certificate)) {
            target.add(certificate);
        }
    }

    public synchronized List<X509Certificate> roots() {
        return List.copyOf(roots);
    }

    public synchronized List<X509Certificate> intermediates() {
        return List.copyOf(intermediates);
    }

    private static boolean isRootStore(String store, X509Certificate certificate) {
        if (store == null || store.isBlank()) {
            return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
        }
        return store.toUpperCase(java.util.Locale.ROOT).contains("ROOT");
    }
}
