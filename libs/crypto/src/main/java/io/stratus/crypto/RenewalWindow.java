package io.stratus.crypto;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate may be renewed, as Intune's renewal threshold says: once less than {@code thresholdPercent}
 * of its validity period remains. Devices renew from then on and enrollment-service refuses a renewal before.
 * A threshold of 0 (or below) never opens; 100 or more is open for the whole validity.
 */
public final class RenewalWindow {

    private RenewalWindow() {
    }

    /** The moment the window opens. */
    public static Instant opensAt(X509Certificate certificate, int thresholdPercent) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        long lifetimeMillis = Duration.between(notBefore, notAfter).toMillis();
        long remainingMillis = lifetimeMillis * Math.min(100, thresholdPercent) / 100;
        return notAfter.minusMillis(remainingMillis);
    }

    /** True when the window is open at {@code now}. */
    public static boolean isOpen(X509Certificate certificate, int thresholdPercent, Instant now) {
        return thresholdPercent > 0 && !now.isBefore(opensAt(certificate, thresholdPercent));
    }
}
