package io.stratus.simulator.entity;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The certificate stores of one device at a moment, as an MDM agent fills them from the trusted
 * certificates of its assignments: trusted roots and intermediate CAs. Immutable.
 */
public final class DeviceTrustStore {

    private final List<X509Certificate> roots = new ArrayList<>();
    private final List<X509Certificate> intermediates = new ArrayList<>();

    /** The stores holding every given installed certificate (duplicates once). */
    public static DeviceTrustStore of(Collection<InstalledCertificate> installed) {
        DeviceTrustStore store = new DeviceTrustStore();
        for (InstalledCertificate entry : installed) {
            List<X509Certificate> target = entry.root() ? store.roots : store.intermediates;
            if (!target.contains(entry.certificate())) {
                target.add(entry.certificate());
            }
        }
        return store;
    }

    public List<X509Certificate> roots() {
        return List.copyOf(roots);
    }

    public List<X509Certificate> intermediates() {
        return List.copyOf(intermediates);
    }
}
