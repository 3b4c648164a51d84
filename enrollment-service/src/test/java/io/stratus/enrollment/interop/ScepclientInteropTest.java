package io.stratus.enrollment.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.TestCertificateAuthority.Issuer;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * micromdm's scepclient (Debian package {@code scep}, not written here) enrolls against the running
 * service with a static challenge (GetCACaps, GetCACert, PKCSReq); OpenSSL verifies what it wrote. The
 * binary is installed ({@code apt-get install -y scep}); without it the test is skipped with the reason printed,
 * or fails when {@code STRATUS_REQUIRE_SYSTEM_TOOLS=1} (as CI sets it); {@code STRATUS_SKIP_SCEPCLIENT=1} skips.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class ScepclientInteropTest {

    private static final String CHALLENGE = "scepclient-static-" + UUID.randomUUID();
    static final String DES_CA = "ca-scepclient-interop";
    private static Issuer ca;

    @TestHTTPResource("/")
    URL root;

    static Path scepclient() {
        for (String candidate : List.of("/usr/bin/scepclient", "/usr/local/bin/scepclient")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (Files.isExecutable(Path.of(dir, "scepclient"))) {
                    return Path.of(dir, "scepclient");
                }
            }
        }
        if ("1".equals(System.getenv("STRATUS_SKIP_SCEPCLIENT"))) {
            Assumptions.abort("scepclient is not installed and STRATUS_SKIP_SCEPCLIENT=1");
        }
        String missing = "scepclient is not installed: apt-get install -y scep";
        if ("1".equals(System.getenv("STRATUS_REQUIRE_SYSTEM_TOOLS"))) {
            return fail(missing + " (CI installs it; STRATUS_REQUIRE_SYSTEM_TOOLS=1 makes its absence a failure)");
        }
        System.out.println("SKIPPED scepclient interoperability test: " + missing);
        Assumptions.abort(missing);
        return null;
    }

    @Test
    void scepclientEnrollsWithTheStaticChallengeAndOpenSslVerifiesTheCertificate(@TempDir Path dir) throws Exception {
        Path binary = scepclient();
        TestWorld world = TestWorld.get();
        synchronized (ScepclientInteropTest.class) {
            if (ca == null) {
                // scepclient 2.1 encrypts with single DES: this CA id is in stratus.enrollment.des-allowed-for
                ca = world.ca.createIssuing("scepclient CA", true, DES_CA);
                TestWorld.awaitCaCertificates(world.scep(base(), ca.id()));
                StaticChallengeAdmin.enable(world.tenant, ca.id(), CHALLENGE);
            }
        }
        Path key = dir.resolve("key.pem");
        Path certificate = dir.resolve("cert.pem");
        OpenSsl.run("genrsa", "-traditional", "-out", key.toString(), "2048");
        String cn = "scepclient-" + UUID.randomUUID().toString().substring(0, 8);

        Run run = run(dir, binary.toString(), "-server-url", base() + "/scep/" + world.tenant + "/" + ca.id(),
                "-private-key", key.toString(), "-certificate", certificate.toString(), "-challenge", CHALLENGE,
                "-cn", cn, "-organization", "Interop", "-country", "US");

        assertEquals(0, run.exitCode(), () -> "scepclient failed:\n" + run.output());
        assertTrue(Files.exists(dir.resolve("csr.pem")), "scepclient keeps csr.pem beside the key");
        X509Certificate issued = Pem.certificate(Files.readString(certificate));
        assertTrue(SubjectNames.same("CN=" + cn, SubjectNames.toString(issued.getSubjectX500Principal())));
        String modulusOfKey = OpenSsl.run("rsa", "-in", key.toString(), "-noout", "-modulus");
        String modulusOfCert = OpenSsl.run("x509", "-in", certificate.toString(), "-noout", "-modulus");
        assertEquals(modulusOfKey.trim(), modulusOfCert.trim(), "the certificate certifies scepclient's key");
        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.certificate()));
        OpenSsl.verifyChain(rootFile, caFile, certificate);
        assertEquals(1, Database.count("select count(*) from enrollment where kind = 'STATIC' and device_id = ?",
                "static:" + cn));
    }

    private String base() {
        return root.toString().replaceAll("/$", "");
    }

    record Run(int exitCode, String output) {
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out after 120 s:\n"
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
