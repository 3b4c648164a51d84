package io.stratus.enrollment.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Providers;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.TestCertificateAuthority.Issuer;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;
import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SystemTool;
import io.stratus.testkit.tools.SystemTools;

/**
 * certmonger's SCEP helper {@code scep-submit} (Debian package {@code certmonger}, not written here), run
 * directly without the certmonger daemon: GetCACaps ({@code -c}), GetCACert ({@code -C}), a PKCSReq
 * answered PENDING and then polled with GetCertInitial ({@code -g}), and a renewal with a new key (a PKCSReq
 * signed with the current certificate). The helper sends
 * pkiMessages, verifies the signed CertRep (RA signature, transactionID, nonces) and prints the
 * pkcsPKIEnvelope; building the pkiMessages and opening the envelope is the daemon's job, done here by the
 * test with BouncyCastle. OpenSSL verifies the certificates. Without the binary the tests are skipped
 * loudly, or fail when {@code STRATUS_REQUIRE_SYSTEM_TOOLS=1} ({@link SystemTools}).
 */
@QuarkusTest
@RequiresSystemTool(SystemTool.CERTMONGER)
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class CertmongerInteropTest {

    private static final String CHALLENGE = "certmonger-static-" + UUID.randomUUID();
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** scep-submit's exit codes (certmonger's submit helper protocol). */
    private static final int ISSUED = 0;
    private static final int WAIT = 1;
    private static final int WAIT_WITH_DELAY = 5;

    private static Issuer ca;
    private static X509Certificate ra;

    @TestHTTPResource("/")
    URL root;

    TestWorld world;
    Path binary;

    @BeforeEach
    void setUp() {
        binary = SystemTool.CERTMONGER.locate().orElseThrow().get(0);
        world = TestWorld.get();
        synchronized (CertmongerInteropTest.class) {
            if (ca == null) {
                ca = world.ca.createIssuing("certmonger CA " + UUID.randomUUID().toString().substring(0, 8));
                ra = TestWorld.ra(TestWorld.awaitCaCertificates(world.scep(base(), ca.id())));
                StaticChallengeAdmin.enable(world.tenant, ca.id(), CHALLENGE);
            }
        }
    }

    @Test
    void scepSubmitReadsCapabilitiesAndCaCertificates(@TempDir Path dir) throws Exception {
        ToolRuns.Run caps = ToolRuns.run(dir, binary.toString(), "-u", url(), "-c");
        assertEquals(ISSUED, caps.exitCode(), caps::output);
        for (String capability : List.of("POSTPKIOperation", "SHA-256", "AES", "SCEPStandard", "Renewal")) {
            assertTrue(caps.output().contains(capability), () -> capability + " in " + caps.output());
        }

        ToolRuns.Run certs = ToolRuns.run(dir, binary.toString(), "-u", url(), "-C");
        assertEquals(ISSUED, certs.exitCode(), certs::output);
        List<X509Certificate> printed = Pem.certificates(certs.output());
        // "print, in order, the RA certificate, the CA certificate"
        assertEquals(List.of(ra, ca.certificate()), printed);
    }

    @Test
    void scepSubmitEnrollsPollsAndRenewsWithANewKey(@TempDir Path dir) throws Exception {
        Path raFile = Files.writeString(dir.resolve("ra.pem"), Pem.encode(ra));
        // the trust anchor (-N, "signingca"; -R is only for TLS) is the root; the issuing CA goes with the
        // "other certificates" (-I) of the chain
        Path rootFile = Files.writeString(dir.resolve("trust-root.pem"), Pem.encode(world.ca.root));
        Path issuingFile = Files.writeString(dir.resolve("issuing-ca.pem"), Pem.encode(ca.certificate()));
        String cn = "certmonger-" + UUID.randomUUID().toString().substring(0, 8);
        String deviceId = "static:" + cn;
        world.ca.issueAged(deviceId); // inside its renewal window at once: the test renews it
        KeyPair keys = KeyAlgorithm.RSA_2048.generate();
        X509Certificate selfSigned = ScepClientMessages.selfSignedSigner(keys, "CN=" + cn);
        String transactionId = ScepClientMessages.transactionId(keys.getPublic());

        // PKCSReq while the CA holds the request: PENDING after the reply timeout
        world.ca.silence(deviceId);
        byte[] pkcsReq = ScepClientMessages.pkcsReq(Csrs.build(keys, "CN=" + cn, List.of(), CHALLENGE), selfSigned,
                keys.getPrivate(), ra, transactionId, ScepClientMessages.newNonce());
        ToolRuns.Run submitted = ToolRuns.run(dir, Map.of("CERTMONGER_OPERATION", "SUBMIT",
                "CERTMONGER_PKCSREQ", pem("PKCS7", pkcsReq), "CERTMONGER_SCEP_RA_CERTIFICATE", Pem.encode(ra),
                "CERTMONGER_SCEP_CA_CERTIFICATE", Pem.encode(world.ca.root), "CERTMONGER_SCEP_CERTIFICATES",
                Pem.encode(ca.certificate())), null, binary.toString(), "-u", url());
        assertTrue(submitted.exitCode() == WAIT || submitted.exitCode() == WAIT_WITH_DELAY,
                () -> "PENDING expected (exit 1 or 5): " + submitted.exitCode() + "\n" + submitted.output());

        // GetCertInitial (CertPoll) until the certificate is there
        assertEquals(1, world.ca.releaseDevice(deviceId));
        world.ca.unsilence(deviceId);
        X509Certificate enrolled = Await.value("scep-submit -g to get the certificate", () -> {
            byte[] poll = ScepClientMessages.certPoll(X500Name.getInstance(ca.certificate().getSubjectX500Principal()
                    .getEncoded()), SubjectNames.parse("CN=" + cn), selfSigned, keys.getPrivate(), ra, transactionId,
                    ScepClientMessages.newNonce());
            ToolRuns.Run polled = run(dir, "poll.pem", poll, "-u", url(), "-r", raFile.toString(), "-N",
                    rootFile.toString(), "-I", issuingFile.toString(), "-g");
            if (polled.exitCode() == WAIT || polled.exitCode() == WAIT_WITH_DELAY) {
                return null;
            }
            assertEquals(ISSUED, polled.exitCode(), polled::output);
            return issuedIn(polled.output(), keys.getPrivate());
        });
        assertEquals(keys.getPublic(), enrolled.getPublicKey());
        verify(dir, enrolled, "enrolled");

        // renewal with a new key: a PKCSReq for the new key signed with the current certificate (no challenge),
        // which this service handles as a renewal; the reply is encrypted to the current certificate
        KeyPair newKeys = KeyAlgorithm.RSA_2048.generate();
        String renewalTransaction = ScepClientMessages.transactionId(newKeys.getPublic());
        byte[] rekey = ScepClientMessages.pkcsReq(Csrs.build(newKeys, "CN=" + cn, List.of(), null), enrolled,
                keys.getPrivate(), ra, renewalTransaction, ScepClientMessages.newNonce());
        ToolRuns.Run renewed = ToolRuns.run(dir, Map.of("CERTMONGER_OPERATION", "SUBMIT",
                "CERTMONGER_PKCSREQ", pem("PKCS7", rekey), "CERTMONGER_SCEP_RA_CERTIFICATE", Pem.encode(ra),
                "CERTMONGER_SCEP_CA_CERTIFICATE", Pem.encode(world.ca.root), "CERTMONGER_SCEP_CERTIFICATES",
                Pem.encode(ca.certificate())), null, binary.toString(), "-u", url());
        assertEquals(ISSUED, renewed.exitCode(), renewed::output);
        X509Certificate renewal = issuedIn(renewed.output(), keys.getPrivate());
        assertEquals(newKeys.getPublic(), renewal.getPublicKey());
        verify(dir, renewal, "renewed");
        assertEquals("RENEWAL", Database.single("select kind from enrollment where transaction_id = ?",
                renewalTransaction));
    }

    /** Runs scep-submit with a pkiMessage file (PEM) as its argument. */
    private ToolRuns.Run run(Path dir, String file, byte[] message, String... options) {
        try {
            Path messageFile = Files.writeString(dir.resolve(file), pem("PKCS7", message));
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(List.of(options));
            command.add(messageFile.toString());
            return ToolRuns.run(dir, command.toArray(String[]::new));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Opens the pkcsPKIEnvelope scep-submit printed and returns the certificate in it. */
    private static X509Certificate issuedIn(String output, PrivateKey key) {
        Matcher block = PEM_BLOCK.matcher(output);
        assertTrue(block.find(), () -> "no PEM pkcsPKIEnvelope in:\n" + output);
        try {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2).trim());
            CMSEnvelopedData envelope = new CMSEnvelopedData(der);
            RecipientInformation recipient = envelope.getRecipientInfos().getRecipients().iterator().next();
            byte[] degenerate = recipient.getContent(new JceKeyTransEnvelopedRecipient(key)
                    .setProvider(Providers.bouncyCastle()));
            List<X509Certificate> certificates = ScepClientMessages.caCertificates(degenerate);
            assertEquals(1, certificates.size());
            return certificates.get(0);
        } catch (Exception e) {
            throw new AssertionError("cannot open the pkcsPKIEnvelope: " + e, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private void verify(Path dir, X509Certificate leaf, String name) throws Exception {
        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path issuing = Files.writeString(dir.resolve("issuing.pem"), Pem.encode(ca.certificate()));
        Path leafFile = Files.writeString(dir.resolve(name + ".pem"), Pem.encode(leaf));
        OpenSsl.verifyChain(rootFile, issuing, leafFile);
    }

    private String url() {
        return base() + "/scep/" + world.tenant + "/" + ca.id();
    }

    private String base() {
        return root.toString().replaceAll("/$", "");
    }
}
