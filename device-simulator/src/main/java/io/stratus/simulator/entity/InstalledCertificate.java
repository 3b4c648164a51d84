package io.stratus.simulator.entity;

import java.security.cert.X509Certificate;

/** A trusted certificate an assignment installed, and the store it went to (as named by the profile). */
public record InstalledCertificate(String store, X509Certificate certificate) {

    /** True when the certificate belongs in a root store (the store says so, or it is self-signed and unnamed). */
    public boolean root() {
        if (store == null || store.isBlank()) {
            return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
        }
        return store.toUpperCase(java.util.Locale.ROOT).contains("ROOT");
    }
}
