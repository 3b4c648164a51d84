package io.stratus.cli;

import static io.stratus.cli.SimulatorClient.enrolled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.testkit.OpenSsl;

/**
 * Crashes mid-enrollment on a whole local stack (issue 4, "restarting any service mid-way loses no request"): with
 * ca-service killed, devices send their PKCSReq, get PENDING and poll; then enrollment-service is killed too while
 * they poll, and {@code stratus up} starts both again. Every device ends with exactly one certificate (the CA signed
 * each request once, whatever was replayed) that OpenSSL verifies.
 */
class RestartIT {
    private static final String TENANT = "restart";
    private static final int DEVICES = 3;

    @Test
    void enrollmentsInFlightSurviveKilledServicesAndIssueOnce(@TempDir Path tmp) throws Exception {
        TestStack stack = TestStack.up(tmp.resolve(".stratus"));
        boolean done = false;
        try {
            run(stack, tmp);
            stack.downAndAssertNothingLeft();
            done = true;
        } finally {
            if (!done) {
                stack.downQuietly();
            }
        }
    }

    private static void run(TestStack stack, Path tmp) throws Exception {
        SimulatorClient simulator = new SimulatorClient(stack.baseUrl(Service.SIMULATOR), Duration.ofSeconds(150));
        String rootId = stack.json(TENANT, "ca", "create-root", "--name", "Restart Root", "--cn", "Restart Root CA").path("id").asText();
        JsonNode issuing = stack.json(TENANT, "ca", "create-issuing", "--parent", rootId, "--name", "Restart Issuing",
                "--cn", "Restart Issuing CA");
        String issuingId = issuing.path("id").asText();
        Path rootPem = tmp.resolve("root.pem");
        Path issuingPem = tmp.resolve("issuing.pem");
        stack.ok("ca", "download", rootId, "--format", "pem", "--out", rootPem.toString(), "--tenant", TENANT);
        stack.ok("ca", "download", issuingId, "--format", "pem", "--out", issuingPem.toString(), "--tenant", TENANT);
        String trustedRoot = stack.json(TENANT, "profile", "create-trusted", "--name", "Root", "--platform", "WINDOWS", "--cert",
                rootPem.toString(), "--store", "COMPUTER_ROOT", "--ca", rootId).path("id").asText();
        String trustedIssuing = stack.json(TENANT, "profile", "create-trusted", "--name", "Issuing", "--platform", "WINDOWS",
                "--cert", issuingPem.toString(), "--store", "COMPUTER_INTERMEDIATE", "--ca", issuingId).path("id").asText();
        String scepUrl = issuing.path("scepUrl").asText();
        awaitScepReady(scepUrl);
        String profile = stack.json(TENANT, "profile", "create-scep", "--name", "Device", "--platform", "WINDOWS", "--type", "DEVICE",
                "--ca", issuingId, "--scep-url", scepUrl, "--subject", "CN={{DeviceName}}", "--trusted",
                trustedRoot + "," + trustedIssuing).path("id").asText();
        String group = stack.json(TENANT, "group", "create", "--name", "Restarted").path("id").asText();
        stack.json(TENANT, "assignment", "create", "--profile", profile, "--include", group);

        // the CA crashes; devices enroll anyway: enrollment-service relays their requests and answers PENDING
        stack.kill(Service.CA);
        List<String> devices = simulator.createDevices(TENANT, group, "restart", Map.of("WINDOWS", DEVICES), DEVICES);
        for (String id : devices) {
            simulator.await(id, d -> "ENROLLING".equals(SimulatorClient.assignmentOf(d, profile).path("state").asText()));
        }
        Thread.sleep(6_000); // past enrollment-service's 5 s reply timeout: each device now polls a PENDING transaction

        // the SCEP server crashes too, while the devices poll; then both come back
        stack.kill(Service.ENROLLMENT);
        assertEquals(0, stack.run("up"), "stratus up did not restart the killed services");

        Set<String> serials = new HashSet<>();
        for (String id : devices) {
            JsonNode device = simulator.await(id, d -> enrolled(d, profile) != null);
            JsonNode assignment = enrolled(device, profile);
            serials.add(assignment.path("serialNumber").asText());
            Path pem = tmp.resolve(id + ".pem");
            Files.writeString(pem, simulator.certificate(id, assignment.path("assignmentId").asText()));
            OpenSsl.verifyChain(rootPem, issuingPem, pem);
        }
        assertEquals(DEVICES, serials.size(), "one certificate per device: " + serials);

        JsonNode issued = stack.json(TENANT, "cert", "list", "--ca", issuingId);
        List<String> deviceCertificates = new ArrayList<>();
        for (JsonNode c : issued.path("items")) {
            if (devices.contains(c.path("deviceId").asText())) {
                deviceCertificates.add(c.path("serialNumber").asText());
            }
        }
        assertEquals(DEVICES, deviceCertificates.size(), "the CA signed each device's request once: " + issued);
        assertTrue(serials.containsAll(deviceCertificates), "devices hold what the CA issued: " + deviceCertificates + " vs " + serials);
    }

    /** GetCACert answers once enrollment-service holds the new CA's RA certificate. */
    private static void awaitScepReady(String scepUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(scepUrl + "?operation=GetCACert")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GetCACert still answers " + r.statusCode() + " at " + scepUrl);
            }
            Thread.sleep(250);
        }
    }
}
