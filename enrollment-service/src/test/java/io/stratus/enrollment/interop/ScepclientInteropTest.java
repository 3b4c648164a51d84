package io.stratus.enrollment.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
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
 * micromdm's scepclient (Debian package {@code scep}, not written here) against the running service with a
 * static challenge: enrolment (GetCACaps, GetCACert, PKCSReq), its PENDING loop (it re-sends the same
 * PKCSReq every 30 s; it has no CertPoll) and its renewal (a second run with the issued certificate sends
 * a RenewalReq for the same key, which this service refuses). OpenSSL verifies what it wrote. Without the
 * binary the tests are skipped loudly, or fail when {@code STRATUS_REQUIRE_SYSTEM_TOOLS=1} ({@link SystemTools}).
 */
@QuarkusTest
@RequiresSystemTool(SystemTool.SCEPCLIENT)
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class ScepclientInteropTest {

    private static final String CHALLENGE = "scepclient-static-" + UUID.randomUUID();
    static final String DES_CA = "ca-scepclient-interop";
    private static Issuer ca;

    @TestHTTPResource("/")
    URL root;

    TestWorld world;
    Path binary;

    @BeforeEach
    void setUp() {
        binary = SystemTool.SCEPCLIENT.locate().orElseThrow().get(0);
        world = TestWorld.get();
        synchronized (ScepclientInteropTest.class) {
            if (ca == null) {
                // scepclient 2.1 encrypts with single DES: this CA id is in stratus.enrollment.des-allowed-for
                ca = world.ca.createIssuing("scepclient CA", true, DES_CA);
                TestWorld.awaitCaCertificates(world.scep(base(), ca.id()));
                StaticChallengeAdmin.enable(world.tenant, ca.id(), CHALLENGE);
            }
        }
    }

    @Test
    void scepclientEnrollsWithTheStaticChallengeAndOpenSslVerifiesTheCertificate(@TempDir Path dir) throws Exception {
        String cn = "scepclient-" + UUID.randomUUID().toString().substring(0, 8);
        Path key = newKey(dir);
        Path certificate = dir.resolve("cert.pem");

        ToolRuns.Run run = ToolRuns.run(dir, command(key, certificate, cn));

        assertEquals(0, run.exitCode(), () -> "scepclient failed:\n" + run.output());
        assertTrue(Files.exists(dir.resolve("csr.pem")), "scepclient keeps csr.pem beside the key");
        verifyIssued(dir, key, certificate, cn);
        assertEquals(1, Database.count("select count(*) from enrollment where kind = 'STATIC' and device_id = ?",
                "static:" + cn));

        // renewal: a second run with the issued certificate makes scepclient send a RenewalReq signed with it,
        // but for the same key and CSR (it has no option for a new key): refused, nothing relayed to the CA
        String issuedPem = Files.readString(certificate);
        ToolRuns.Run renewal = ToolRuns.run(dir, command(key, certificate, cn));

        assertNotEquals(0, renewal.exitCode(), () -> "a same-key renewal must be refused:\n" + renewal.output());
        assertTrue(renewal.output().contains("RenewalReq") && renewal.output().contains("badRequest"),
                () -> "scepclient reports the refused RenewalReq:\n" + renewal.output());
        assertEquals(issuedPem, Files.readString(certificate), "the certificate file is left as it was");
        assertEquals(0, Database.count("select count(*) from enrollment where kind = 'RENEWAL' and device_id = ?",
                "static:" + cn));
        assertEquals(1, world.ca.received().stream().filter(r -> r.deviceId().equals("static:" + cn)).count(),
                "only the enrolment reached the CA");
    }

    @Test
    void scepclientRepeatsAPendingPkcsReqUntilTheCertificateIsIssued(@TempDir Path dir) throws Exception {
        String cn = "scepclient-pending-" + UUID.randomUUID().toString().substring(0, 8);
        String deviceId = "static:" + cn;
        world.ca.silence(deviceId);
        Path key = newKey(dir);
        Path certificate = dir.resolve("cert.pem");
        Path output = dir.resolve("scepclient.log");

        Process process = new ProcessBuilder(command(key, certificate, cn)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            Await.until("scepclient to report PENDING", () -> read(output).contains("PENDING"));
            assertEquals(1, world.ca.releaseDevice(deviceId), "one CertificateRequested held by the CA");
            ToolRuns.Run run = ToolRuns.await(process);
            String log = read(output);
            assertEquals(0, run.exitCode(), () -> "scepclient failed:\n" + log);
            assertTrue(log.indexOf("PENDING") < log.indexOf("SUCCESS"), () -> "PENDING, then SUCCESS:\n" + log);
        } finally {
            process.destroyForcibly();
        }
        verifyIssued(dir, key, certificate, cn);
        assertEquals(1, world.ca.received().stream().filter(r -> r.deviceId().equals(deviceId)).count(),
                "the repeated PKCSReq (same transactionID) was answered from its record, not relayed again");
    }

    private String[] command(Path key, Path certificate, String cn) {
        return new String[] {binary.toString(), "-server-url", base() + "/scep/" + world.tenant + "/" + ca.id(),
            "-private-key", key.toString(), "-certificate", certificate.toString(), "-challenge", CHALLENGE,
            "-cn", cn, "-organization", "Interop", "-country", "US"};
    }

    private static Path newKey(Path dir) {
        Path key = dir.resolve("key.pem");
        OpenSsl.run("genrsa", "-traditional", "-out", key.toString(), "2048");
        return key;
    }

    private void verifyIssued(Path dir, Path key, Path certificate, String cn) throws Exception {
        X509Certificate issued = Pem.certificate(Files.readString(certificate));
        assertTrue(SubjectNames.same("CN=" + cn, SubjectNames.toString(issued.getSubjectX500Principal())));
        String modulusOfKey = OpenSsl.run("rsa", "-in", key.toString(), "-noout", "-modulus");
        String modulusOfCert = OpenSsl.run("x509", "-in", certificate.toString(), "-noout", "-modulus");
        assertEquals(modulusOfKey.trim(), modulusOfCert.trim(), "the certificate certifies scepclient's key");
        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.certificate()));
        OpenSsl.verifyChain(rootFile, caFile, certificate);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return root.toString().replaceAll("/$", "");
    }
}
