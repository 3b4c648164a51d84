package io.stratus.cli;

import static io.stratus.cli.SimulatorClient.enrolled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renewal driven by the CA, end to end on a whole local stack: a SCEP profile whose certificates are valid for three
 * minutes and renew in their last two thirds (a local stack allows validities in minutes). ca-service announces
 * CertificateRenewalDue once a device's window opens (it checks every 5 s here); the simulated devices renew on that
 * event alone (their own renewal timer is set to an hour), with a SCEP RenewalReq and a new key; ca-service marks the
 * old certificate superseded by the new one, and the profile's report counts the renewals.
 */
class RenewalIT {
    private static final String TENANT = "renew";
    private static final int DEVICES = 3;
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void devicesRenewWhenTheCaSaysSoAndTheOldCertificatesAreSuperseded(@TempDir Path tmp) throws Exception {
        TestStack stack = TestStack.up(tmp.resolve(".stratus"), 1, Map.of(
                "STRATUS_CA_DEADLINE_CHECK_INTERVAL", "5s",
                "STRATUS_SIMULATOR_RENEWAL_CHECK_INTERVAL", "1h"));
        boolean done = false;
        try {
            walkThrough(stack, new SimulatorClient(stack.baseUrl(Service.SIMULATOR), WAIT));
            stack.downAndAssertNothingLeft();
            done = true;
        } finally {
            if (!done) {
                stack.downQuietly();
            }
        }
    }

    private static void walkThrough(TestStack stack, SimulatorClient simulator) throws Exception {
        String rootId = stack.json(TENANT, "ca", "create-root", "--name", "Renewal Root", "--cn", "Renewal Root CA",
                "--o", "Contoso").path("id").asText();
        JsonNode issuing = stack.json(TENANT, "ca", "create-issuing", "--parent", rootId, "--name", "Renewal Issuing",
                "--cn", "Renewal Issuing CA", "--o", "Contoso");
        Path rootPem = stack.state().resolveSibling("root.pem");
        stack.ok("ca", "download", rootId, "--format", "pem", "--out", rootPem.toString(), "--tenant", TENANT);
        String trustedRoot = stack.json(TENANT, "profile", "create-trusted", "--name", "Root trust", "--platform",
                "WINDOWS", "--cert", rootPem.toString(), "--store", "COMPUTER_ROOT", "--ca", rootId).path("id").asText();
        String group = stack.json(TENANT, "group", "create", "--name", "Short-lived").path("id").asText();
        List<String> devices = simulator.createDevices(TENANT, group, "short", Map.of("WINDOWS", DEVICES), DEVICES);
        String profile = onceTheCaIsKnown(stack, "profile", "create-scep", "--name", "Three minutes", "--platform",
                "WINDOWS", "--type", "DEVICE", "--ca", issuing.path("id").asText(), "--scep-url",
                issuing.path("scepUrl").asText(), "--subject", "CN={{DeviceName}},O=Contoso", "--eku", "CLIENT_AUTH",
                "--validity-minutes", "3", "--renewal-threshold", "67", "--trusted", trustedRoot).path("id").asText();
        JsonNode shown = stack.json(TENANT, "profile", "show", profile);
        assertEquals(3, shown.path("validityMinutes").asInt(), shown.toString());
        stack.json(TENANT, "assignment", "create", "--profile", profile, "--include", group);

        Map<String, String> first = new HashMap<>();
        for (String id : devices) {
            JsonNode held = enrolled(simulator.await(id, d -> enrolled(d, profile) != null), profile);
            assertEquals(0, held.path("renewals").asInt(), held.toString());
            first.put(id, held.path("serialNumber").asText());
        }
        for (String id : devices) {
            JsonNode renewed = enrolled(simulator.await(id, d -> enrolled(d, profile) != null
                    && enrolled(d, profile).path("renewals").asInt() >= 1), profile);
            String successor = renewed.path("serialNumber").asText();
            assertNotEquals(first.get(id), successor, renewed.toString());
            JsonNode old = stack.json(TENANT, "cert", "show", first.get(id));
            assertTrue(Formats.Serials.normalize(successor).equals(Formats.Serials.normalize(old.path("supersededBy").asText())),
                    "the renewed certificate names its successor " + successor + ": " + old);
            assertEquals("ISSUED", old.path("status").asText(), "superseded, not revoked (the profile keeps it): " + old);
        }
        // the renewals came from the CA's events, the devices' own timer being an hour away
        List<String> simulatorLog = Files.readAllLines(stack.state().resolve("logs").resolve("device-simulator.log"));
        for (String id : devices) {
            List<String> renewing = simulatorLog.stream()
                    .filter(line -> line.contains("device " + id + ": renewing the certificate")).toList();
            assertTrue(!renewing.isEmpty() && renewing.stream().allMatch(line -> line.endsWith(
                    "(the CA says renewal is due)")), "device " + id + " renewed for another reason: " + renewing);
        }
        JsonNode report = stack.json(TENANT, "report", profile);
        assertTrue(report.path("superseded").asInt() >= DEVICES, "every device renewed at least once: " + report);
        assertEquals(DEVICES, report.path("succeeded").asInt(), report.toString());
        assertEquals(DEVICES, report.path("expiring").asInt() + report.path("expired").asInt(),
                "three-minute certificates expire within 30 days: " + report);

        seededCertificatesAreSearchableAndTheirRevocationsOnTheCrl(stack, issuing.path("id").asText());
    }

    /** stratus seed: 2,000 synthetic certificates of the CA, 500 revoked, found by search and listed on the CRL. */
    private static void seededCertificatesAreSearchableAndTheirRevocationsOnTheCrl(TestStack stack, String caId)
            throws Exception {
        stack.ok("seed", "--ca", caId, "--certificates", "2000", "--revoked", "500");
        JsonNode revoked = stack.json(TENANT, "cert", "list", "--profile", "seed-profile-0", "--status", "REVOKED",
                "--limit", "1000");
        assertEquals(500 / SeedCommand.PROFILES, revoked.path("items").size(), "revoked rows are every tenth's");
        JsonNode one = stack.json(TENANT, "cert", "list", "--subject", "CN=seed-device-1999,");
        assertEquals(1, one.path("items").size(), one.toString());
        HttpResponse<byte[]> crl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.baseUrl(Service.CA) + "/pki/" + TENANT + "/" + caId + "/crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, crl.statusCode());
        X509CRL signed = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.body()));
        assertTrue(signed.getRevokedCertificates().size() >= 500, "entries: " + signed.getRevokedCertificates().size());
    }

    /** Creates while profile-service answers that the CA is not known yet (its AuthorityCreated is on its way). */
    private static JsonNode onceTheCaIsKnown(TestStack stack, String... args) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return stack.json(TENANT, args);
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }
}
