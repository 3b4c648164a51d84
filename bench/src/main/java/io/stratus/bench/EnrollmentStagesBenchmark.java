package io.stratus.bench;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.ExtendedKeyUsages;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyUsages;
import io.stratus.crypto.LeafCertificateSigner;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;
import io.stratus.crypto.San;
import io.stratus.crypto.scep.RaCredentials;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.crypto.scep.ScepRequest;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.crypto.scep.ScepServer;

/**
 * The cryptography of one SCEP enrollment, stage by stage, in microseconds per operation: what the server must do
 * at the least (decode the PKCSReq, parse the CSR, sign the certificate, build the CertRep) and what the device
 * does (build its request, read the reply). Everything else the services spend per enrollment (HTTP, Kafka,
 * PostgreSQL, the frameworks) is measured end to end by {@code ./stratus bench}; the difference is the overhead.
 *
 * <p>Every enrollment in a fleet brings a new device key, and a provider may cache work per key (BouncyCastle
 * validates each new RSA modulus once). So the benchmark prepares {@value #DEVICES} devices with their own keys and
 * requests and takes the next one on every operation; with RSA-2048 devices, setting up a trial takes several
 * seconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnrollmentStagesBenchmark {

    static final int DEVICES = 256;

    @Param({"RSA_2048"})
    public String caAlgorithm;

    @Param({BenchProviders.ACCP, BenchProviders.JDK})
    public String provider;

    private final ScepServer server = new ScepServer();
    private X509Certificate issuing;
    private KeyPair issuingKeys;
    private RaCredentials ra;
    private Device[] devices;
    private int next;

    /** A device's key, its self-signed SCEP signer, its request, and the server's work on it, done once. */
    private record Device(KeyPair keys, X509Certificate signer, byte[] csr, byte[] pkcsReq, byte[] nonce,
            ScepRequest decoded, ParsedCsr parsedCsr, byte[] certRep) {
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchProviders.selectFastProvider(provider);
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(caAlgorithm);
        Instant now = Instant.now();
        KeyPair rootKeys = algorithm.generate();
        X509Certificate root = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Bench Root,O=Stratus,C=US",
                algorithm, now, now.plus(Duration.ofDays(3650))), rootKeys);
        issuingKeys = algorithm.generate();
        issuing = CaCertificateBuilder.issuing(new CaSpec("CN=Bench Issuing,O=Stratus,C=US", algorithm, now,
                now.plus(Duration.ofDays(1825)), List.of(ExtendedKeyUsages.CLIENT_AUTH), null,
                "http://pki.example.test/crl/root.crl", "http://pki.example.test/ca/root.cer",
                "http://pki.example.test/ocsp"), issuingKeys.getPublic(), root, rootKeys.getPrivate());
        KeyPair raKeys = KeyAlgorithm.RSA_2048.generate();
        X509Certificate raCertificate = LeafCertificateSigner.sign(new LeafSpec("CN=Bench SCEP RA,O=Stratus,C=US",
                null, List.of(ExtendedKeyUsages.CERTIFICATE_REQUEST_AGENT),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT), now.minusSeconds(60),
                now.plus(Duration.ofDays(30)), null, null, null, null), raKeys.getPublic(), issuing,
                issuingKeys.getPrivate());
        ra = new RaCredentials(raCertificate, raKeys.getPrivate(), List.of(issuing, root));
        devices = new Device[DEVICES];
        for (int i = 0; i < DEVICES; i++) {
            devices[i] = prepare(i);
        }
        // sanity: the device reads a SUCCESS with a certificate for its own key
        Device first = devices[0];
        ScepResponse response = ScepClientMessages.decodeResponse(first.certRep(), first.signer(),
                first.keys().getPrivate(), first.nonce(), List.of(ra.certificate()));
        if (!response.certificates().get(0).getPublicKey().equals(first.keys().getPublic())) {
            throw new IllegalStateException("the CertRep does not carry the device's certificate");
        }
    }

    private Device prepare(int index) {
        String dn = "CN=device-" + index + ",OU=Devices,O=Example Corp,C=US";
        KeyPair keys = KeyAlgorithm.RSA_2048.generate();
        X509Certificate signer = ScepClientMessages.selfSignedSigner(keys, dn);
        byte[] csr = Csrs.build(keys, dn, List.of(San.dns("device-" + index + ".corp.example.test")),
                "challenge-" + index);
        byte[] nonce = ScepClientMessages.newNonce();
        byte[] pkcsReq = ScepClientMessages.pkcsReq(csr, signer, keys.getPrivate(), ra.certificate(),
                ScepClientMessages.transactionId(csr), nonce);
        ScepRequest decoded = server.decode(pkcsReq, ra);
        ParsedCsr parsed = Csrs.parse(decoded.content());
        byte[] certRep = ScepServer.success(decoded, List.of(sign(parsed)), ra);
        return new Device(keys, signer, csr, pkcsReq, nonce, decoded, parsed, certRep);
    }

    private Device nextDevice() {
        Device device = devices[next];
        next = (next + 1) % DEVICES;
        return device;
    }

    private X509Certificate sign(ParsedCsr csr) {
        Instant now = Instant.now();
        return LeafCertificateSigner.sign(new LeafSpec(csr.subjectDn(), csr.subjectAltNames(),
                List.of(ExtendedKeyUsages.CLIENT_AUTH),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT), now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(365)), "http://pki.example.test/crl/issuing.crl",
                "http://pki.example.test/ca/issuing.cer", "http://pki.example.test/ocsp", null), csr.publicKey(),
                issuing, issuingKeys.getPrivate());
    }

    /** Server: parse the CMS SignedData, verify the device's signature, decrypt the envelope with the RA key. */
    @Benchmark
    public ScepRequest serverDecodeRequest() {
        return server.decode(nextDevice().pkcsReq(), ra);
    }

    /** Server: parse the CSR and verify its self-signature. */
    @Benchmark
    public ParsedCsr serverParseCsr() {
        return Csrs.parse(nextDevice().csr());
    }

    /** Server (ca-service): sign the device certificate with the issuing CA's key. */
    @Benchmark
    public X509Certificate serverSignCertificate() {
        return sign(nextDevice().parsedCsr());
    }

    /** Server: the CertRep SUCCESS, enveloped to the device's key and signed by the RA. */
    @Benchmark
    public byte[] serverBuildCertRep() {
        Device device = nextDevice();
        return ScepServer.success(device.decoded(), List.of(issuing), ra);
    }

    /** Server: the four stages in a row, as one enrollment needs them. */
    @Benchmark
    public byte[] serverAllStages() {
        Device device = nextDevice();
        ScepRequest request = server.decode(device.pkcsReq(), ra);
        X509Certificate certificate = sign(Csrs.parse(request.content()));
        return ScepServer.success(request, List.of(certificate), ra);
    }

    /** Device: its CSR and self-signed signer certificate, then the PKCSReq (key generation not included). */
    @Benchmark
    public byte[] deviceBuildRequest() {
        Device device = nextDevice();
        String dn = device.signer().getSubjectX500Principal().getName();
        X509Certificate signer = ScepClientMessages.selfSignedSigner(device.keys(), dn);
        byte[] csr = Csrs.build(device.keys(), dn, List.of(San.dns("device.corp.example.test")), "challenge");
        return ScepClientMessages.pkcsReq(csr, signer, device.keys().getPrivate(), ra.certificate(),
                ScepClientMessages.transactionId(csr), device.nonce());
    }

    /** Device: verify the CertRep's RA signature and decrypt the certificate with its own key. */
    @Benchmark
    public ScepResponse deviceReadReply() {
        Device device = nextDevice();
        return ScepClientMessages.decodeResponse(device.certRep(), device.signer(), device.keys().getPrivate(),
                device.nonce(), List.of(ra.certificate()));
    }
}
