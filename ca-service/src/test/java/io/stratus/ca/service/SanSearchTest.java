package io.stratus.ca.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.ExtendedKeyUsages;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.LeafCertificateSigner;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;
import io.stratus.crypto.San;

class SanSearchTest {

    private static final KeyPair CA_KEYS = KeyAlgorithm.EC_P256.generate();
    private static final Instant NOW = Instant.now();
    private static final X509Certificate CA = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=San Search Test",
            KeyAlgorithm.EC_P256, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1))), CA_KEYS);

    @Test
    void valuesAreLowercasedOnceEachAndTooLongOnesAreLeftOut() throws Exception {
        String tooLong = "urn:example:" + "x".repeat(SanSearch.MAX_LENGTH);
        byte[] der = leaf(List.of(San.dns("Laptop-1.Example.test"), San.upn("laptop-1.example.TEST"),
                San.uri(tooLong), San.email("Ada@Example.test"))).getEncoded();
        assertArrayEquals(new String[] {"laptop-1.example.test", "ada@example.test"}, SanSearch.values(der));
    }

    @Test
    void bytesThatAreNoCertificateHaveNothingToBeFoundBy() {
        assertArrayEquals(new String[0], SanSearch.values(new byte[] {1, 2, 3}));
    }

    private static X509Certificate leaf(List<San> sans) {
        return LeafCertificateSigner.sign(new LeafSpec("CN=laptop-1", sans, List.of(ExtendedKeyUsages.CLIENT_AUTH),
                null, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), null, null, null, null),
                KeyAlgorithm.EC_P256.generate().getPublic(), CA, CA_KEYS.getPrivate());
    }
}
