package io.stratus.enrollment.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.LeafCertificateSigner;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.ScepClientMessages;

/** Which certificates may sign a RenewalReq, with real keys and certificates. */
class RenewalSignerTest {

    private static final Instant NOW = Instant.now();
    private static final KeyPair CA_KEYS = KeyAlgorithm.RSA_2048.generate();
    private static final X509Certificate CA = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Renewal Test CA",
            KeyAlgorithm.RSA_2048, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365))), CA_KEYS);
    private static final KeyPair DEVICE = KeyAlgorithm.RSA_2048.generate();

    private static X509Certificate leaf(Instant notBefore, Instant notAfter) {
        LeafSpec spec = new LeafSpec("CN=device", List.of(), List.of("1.3.6.1.5.5.7.3.2"), List.of("digitalSignature"),
                notBefore, notAfter, null, null, null, null);
        return LeafCertificateSigner.sign(spec, DEVICE.getPublic(), CA, CA_KEYS.getPrivate());
    }

    @Test
    void aValidLeafOfThisCaMayRenew() {
        assertNull(RenewalSigner.check(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))), CA, NOW));
    }

    @Test
    void anExpiredLeafIsBadRequest() {
        X509Certificate expired = leaf(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)));
        assertEquals(FailInfo.badRequest, RenewalSigner.check(expired, CA, NOW).failInfo());
    }

    @Test
    void aNotYetValidLeafIsBadRequest() {
        X509Certificate future = leaf(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
        assertEquals(FailInfo.badRequest, RenewalSigner.check(future, CA, NOW).failInfo());
    }

    @Test
    void aSelfSignedCertificateIsBadCertId() {
        X509Certificate self = ScepClientMessages.selfSignedSigner(DEVICE, "CN=device");
        assertEquals(FailInfo.badCertId, RenewalSigner.check(self, CA, NOW).failInfo());
    }

    @Test
    void aLeafWithThisCasNameButAnotherKeyIsBadCertId() {
        KeyPair impostorKeys = KeyAlgorithm.RSA_2048.generate();
        X509Certificate impostor = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Renewal Test CA",
                KeyAlgorithm.RSA_2048, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365))), impostorKeys);
        LeafSpec spec = new LeafSpec("CN=device", List.of(), List.of(), List.of("digitalSignature"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), null, null, null, null);
        X509Certificate forged = LeafCertificateSigner.sign(spec, DEVICE.getPublic(), impostor,
                impostorKeys.getPrivate());
        assertEquals(FailInfo.badCertId, RenewalSigner.check(forged, CA, NOW).failInfo());
    }

    @Test
    void theCaCertificateItselfIsRefused() {
        assertEquals(FailInfo.badRequest, RenewalSigner.check(CA, CA, NOW).failInfo());
    }
}
