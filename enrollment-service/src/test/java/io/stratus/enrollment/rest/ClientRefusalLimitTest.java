package io.stratus.enrollment.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.enrollment.config.EnrollmentConfig;
import io.stratus.enrollment.support.TestCertificateAuthority.Issuer;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * The per-client limit on refused PKIOperations over real HTTP: a client that sends from its own address (127.0.0.2;
 * the other tests' loopback address is exempt in the test configuration) and is refused the configured number of
 * times by a CA gets HTTP 429 with Retry-After from that CA, before anything is decrypted; other clients and other CAs
 * are answered as before.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class ClientRefusalLimitTest {

    private static final String GUESSER = "127.0.0.2";
    private static final byte[] NOT_A_PKI_MESSAGE = "not a pkiMessage".getBytes(StandardCharsets.US_ASCII);

    @TestHTTPResource("/")
    URL root;

    @Inject
    EnrollmentConfig config;

    private record RawResponse(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    @Test
    void aClientRefusedTooOftenByACaGets429FromThatCaOnly() throws Exception {
        TestWorld world = TestWorld.get();
        String base = root.toString().replaceAll("/$", "");
        TestWorld.awaitCaCertificates(world.scep(base, world.issuing.id()));
        Issuer other = world.ca.createIssuing("Refusal Limit Other CA");
        TestWorld.awaitCaCertificates(world.scep(base, other.id()));
        String path = pkiOperation(world, world.issuing.id());

        int limit = config.clientRefusalLimit();
        assertTrue(limit > 0, "the limit is on by default");
        for (int i = 0; i < limit; i++) {
            assertEquals(400, post(GUESSER, path).status(), "refusal " + (i + 1) + " is answered");
        }
        RawResponse blocked = post(GUESSER, path);
        assertEquals(429, blocked.status(), blocked.head());
        assertTrue(blocked.header("Content-Type").startsWith("application/problem+json"), blocked.head());
        long retryAfter = Long.parseLong(blocked.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= config.clientRefusalWindow().toSeconds(), blocked.head());
        assertTrue(blocked.body().contains("too many refused requests"), blocked.body());

        assertEquals(400, post("127.0.0.1", path).status(), "another client of the same CA is answered");
        assertEquals(400, post(GUESSER, pkiOperation(world, other.id())).status(),
                "the same client is answered by another CA");
    }

    private static String pkiOperation(TestWorld world, String caId) {
        return "/scep/" + world.tenant + "/" + caId + "?operation=PKIOperation";
    }

    /** POSTs a message that is not a pkiMessage from {@code localAddress}, over a plain socket bound to it. */
    private RawResponse post(String localAddress, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", root.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + root.getPort()
                    + "\r\nContent-Type: application/x-pki-message\r\nContent-Length: " + NOT_A_PKI_MESSAGE.length
                    + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(NOT_A_PKI_MESSAGE);
            out.flush();
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String responseHead = end < 0 ? response : response.substring(0, end);
            String body = end < 0 ? "" : response.substring(end + 4);
            return new RawResponse(Integer.parseInt(responseHead.split(" ")[1]), responseHead, body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }
}
