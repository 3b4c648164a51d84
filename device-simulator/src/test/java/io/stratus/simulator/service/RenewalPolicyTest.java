package io.stratus.simulator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.scep.ScepClientMessages;

/** The renewal threshold: due once less than the threshold's share of the validity remains. */
class RenewalPolicyTest {

    // self-signed, valid from an hour ago for seven days (168 h)
    private final X509Certificate certificate = ScepClientMessages.selfSignedSigner(KeyAlgorithm.EC_P256.generate(),
            "CN=renewal-policy");

    @Test
    void dueWhenTheThresholdShareOfTheLifetimeRemains() {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        long lifetime = Duration.between(notBefore, notAfter).toMillis();
        Instant dueAt = RenewalPolicy.dueAt(certificate, 20);
        assertEquals(notAfter.minusMillis(lifetime / 5), dueAt);
        assertFalse(RenewalPolicy.due(certificate, 20, dueAt.minusSeconds(1)));
        assertTrue(RenewalPolicy.due(certificate, 20, dueAt));
        assertFalse(RenewalPolicy.due(certificate, 20, Instant.now()), "fresh certificate");
    }

    @Test
    void zeroNeverRenewsAndHundredAlwaysDoes() {
        assertFalse(RenewalPolicy.due(certificate, 0, certificate.getNotAfter().toInstant()));
        assertTrue(RenewalPolicy.due(certificate, 100, Instant.now()));
    }
}
