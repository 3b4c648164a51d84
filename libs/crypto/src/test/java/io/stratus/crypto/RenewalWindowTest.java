package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.stratus.crypto.scep.ScepClientMessages;

/** The renewal window: open once less than the threshold's share of the validity remains. */
class RenewalWindowTest {

    // self-signed, valid from an hour ago for seven days (168 h)
    private final X509Certificate certificate = ScepClientMessages.selfSignedSigner(KeyAlgorithm.EC_P256.generate(),
            "CN=renewal-policy");

    @Test
    void opensWhenTheThresholdShareOfTheLifetimeRemains() {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        long lifetime = Duration.between(notBefore, notAfter).toMillis();
        Instant dueAt = RenewalWindow.opensAt(certificate, 20);
        assertEquals(notAfter.minusMillis(lifetime / 5), dueAt);
        assertFalse(RenewalWindow.isOpen(certificate, 20, dueAt.minusSeconds(1)));
        assertTrue(RenewalWindow.isOpen(certificate, 20, dueAt));
        assertFalse(RenewalWindow.isOpen(certificate, 20, Instant.now()), "fresh certificate");
    }

    @Test
    void zeroNeverOpensAndHundredAlwaysIs() {
        assertFalse(RenewalWindow.isOpen(certificate, 0, certificate.getNotAfter().toInstant()));
        assertTrue(RenewalWindow.isOpen(certificate, 100, Instant.now()));
    }
}
