package io.stratus.crypto;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;

/** A two-tier CA (root and issuing CA) for one key algorithm, built with the code under test. */
public record TestPki(KeyAlgorithm algorithm, KeyPair rootKeys, X509Certificate root, KeyPair issuingKeys,
        X509Certificate issuing) {

    public static final String CRL_URL = "http://pki.example.test/crl/issuing.crl";
    public static final String CA_ISSUERS_URL = "http://pki.example.test/ca/issuing.cer";
    public static final String OCSP_URL = "http://pki.example.test/ocsp";

    public static TestPki create(KeyAlgorithm algorithm) {
        Instant now = Instant.now();
        KeyPair rootKeys = TestKeys.pair(algorithm, 0);
        X509Certificate root = CaCertificateBuilder.selfSignedRoot(
                CaSpec.of("CN=Stratus Test Root " + algorithm + ",O=Stratus,C=US", algorithm,
                        now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(3650))),
                rootKeys);
        KeyPair issuingKeys = TestKeys.pair(algorithm, 1);
        CaSpec issuingSpec = new CaSpec("CN=Stratus Test Issuing " + algorithm + ",O=Stratus,C=US", algorithm,
                now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1825)),
                List.of(ExtendedKeyUsages.CLIENT_AUTH, ExtendedKeyUsages.SERVER_AUTH), null,
                "http://pki.example.test/crl/root.crl", "http://pki.example.test/ca/root.cer", OCSP_URL);
        X509Certificate issuing = CaCertificateBuilder.issuing(issuingSpec, issuingKeys.getPublic(), root,
                rootKeys.getPrivate());
        return new TestPki(algorithm, rootKeys, root, issuingKeys, issuing);
    }

    /** A leaf for {@code subjectKeys} with the usual device extensions. */
    public X509Certificate leaf(KeyPair subjectKeys, String subjectDn, List<San> sans) {
        Instant now = Instant.now();
        LeafSpec spec = new LeafSpec(subjectDn, sans, List.of(ExtendedKeyUsages.CLIENT_AUTH),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT), now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofDays(365)), CRL_URL, CA_ISSUERS_URL, OCSP_URL, null);
        return LeafCertificateSigner.sign(spec, subjectKeys.getPublic(), issuing, issuingKeys.getPrivate());
    }
}
