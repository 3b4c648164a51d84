package io.stratus.bench;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.ExtendedKeyUsages;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyUsages;
import io.stratus.crypto.LeafCertificateSigner;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;
import io.stratus.crypto.San;

/**
 * The issuance hot path: {@link LeafCertificateSigner#sign} of a typical device certificate (subject DN, SANs,
 * clientAuth EKU, key usage, SKI/AKI, CRL distribution point, AIA caIssuers + OCSP, random serial) for an
 * RSA-2048 device key under an issuing CA of each algorithm. Includes building the TBS certificate, the
 * signature, and parsing the result into an {@link X509Certificate}, as the CA service does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CertificateSigningBenchmark {

    @Param({"RSA_2048", "RSA_3072", "RSA_4096", "EC_P256"})
    public String caAlgorithm;

    @Param({BenchProviders.ACCP, BenchProviders.JDK})
    public String provider;

    private LeafSpec spec;
    private PublicKey deviceKey;
    private X509Certificate issuing;
    private KeyPair issuingKeys;

    @Setup
    public void setUp() throws Exception {
        BenchProviders.selectFastProvider(provider);
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(caAlgorithm);
        Instant now = Instant.now();
        KeyPair rootKeys = algorithm.generate();
        X509Certificate root = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Bench Root " + algorithm
                + ",O=Stratus,C=US", algorithm, now, now.plus(Duration.ofDays(3650))), rootKeys);
        issuingKeys = algorithm.generate();
        issuing = CaCertificateBuilder.issuing(new CaSpec("CN=Bench Issuing " + algorithm + ",O=Stratus,C=US",
                algorithm, now, now.plus(Duration.ofDays(1825)), List.of(ExtendedKeyUsages.CLIENT_AUTH), null,
                "http://pki.example.test/crl/root.crl", "http://pki.example.test/ca/root.cer",
                "http://pki.example.test/ocsp"), issuingKeys.getPublic(), root, rootKeys.getPrivate());
        deviceKey = KeyAlgorithm.RSA_2048.generate().getPublic();
        spec = new LeafSpec("CN=device-000042,OU=Devices,O=Example Corp,C=US",
                List.of(San.dns("device-000042.corp.example.test"), San.upn("device-000042@corp.example.test"),
                        San.uri("urn:uuid:7f1c4a9e-2b1d-4c55-9a7e-0d3c2b1a0f42")),
                List.of(ExtendedKeyUsages.CLIENT_AUTH),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT), now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(365)), "http://pki.example.test/crl/issuing.crl",
                "http://pki.example.test/ca/issuing.cer", "http://pki.example.test/ocsp", null);
        sign().verify(issuingKeys.getPublic()); // sanity: a valid certificate comes out
    }

    @Benchmark
    public X509Certificate sign() {
        return LeafCertificateSigner.sign(spec, deviceKey, issuing, issuingKeys.getPrivate());
    }
}
