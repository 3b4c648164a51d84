package io.stratus.enrollment.support;

import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import io.stratus.crypto.scep.ScepClientMessages;

/**
 * One tenant per test JVM with a test CA (root + issuing CA) whose RA certificate enrollment-service has
 * obtained over Kafka. Built on first use, after Quarkus started.
 */
public final class TestWorld {

    private static TestWorld instance;

    public final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    public final TestCertificateAuthority ca;
    public final TestCertificateAuthority.Issuer issuing;

    private TestWorld() {
        ca = new TestCertificateAuthority(tenant);
        issuing = ca.createIssuing("Stratus Test Issuing CA");
    }

    public static synchronized TestWorld get() {
        if (instance == null) {
            instance = new TestWorld();
        }
        return instance;
    }

    /** The SCEP client of an issuing CA, given the service's base URL ({@code http://host:port}). */
    public ScepHttp scep(String baseUrl, String authorityId) {
        return new ScepHttp(baseUrl + "/scep/" + tenant + "/" + authorityId);
    }

    /** GetCACert's certificates once the RA certificate is there (503 until then). */
    public static List<X509Certificate> awaitCaCertificates(ScepHttp http) {
        return Await.value("the RA certificate (GetCACert 200)", () -> {
            HttpResponse<byte[]> response = http.get("GetCACert");
            return response.statusCode() == 200 ? ScepClientMessages.caCertificates(response.body()) : null;
        });
    }

    /** The RA certificate among GetCACert's (the one that is not a CA). */
    public static X509Certificate ra(List<X509Certificate> certificates) {
        return certificates.stream().filter(c -> c.getBasicConstraints() < 0).findFirst()
                .orElseThrow(() -> new AssertionError("GetCACert holds no RA certificate"));
    }
}
