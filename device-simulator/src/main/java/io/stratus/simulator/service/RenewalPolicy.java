package io.stratus.simulator.service;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is due for renewal, as Intune does it: once less than {@code thresholdPercent} of
 * its validity period remains. A threshold of 0 (or below) never renews; 100 or more always does.
 */
public final class RenewalPolicy {

    private RenewalPolicy() {
    }

    /** The moment the certificate becomes due. */
    public static Instant dueAt(X509Certificate certificate, int thresholdPercent) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        long lifetimeMillis = Duration.between(notBefore, notAfter).toMillis();
        long remainingMillis = lifetimeMillis * Math.min(100, thresholdPercent) / 100;
        return notAfter.minusMillis(remainingMillis);
    }

    public static boolean due(X509Certificate certificate, int thresholdPercent, Instant now) {
        return thresholdPercent > 0 && !now.isBefore(dueAt(certificate, thresholdPercent));
    }
}
