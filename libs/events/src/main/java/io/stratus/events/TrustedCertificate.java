package io.stratus.events;

/** A CA certificate a device installs, and the store it goes to (e.g. {@code COMPUTER_ROOT}). */
public record TrustedCertificate(String authorityId, String store, String certificatePem) {
}
