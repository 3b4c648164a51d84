package io.stratus.cli;

import static io.stratus.cli.SimulatorClient.assignmentOf;
import static io.stratus.cli.SimulatorClient.enrolled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.testkit.OpenSsl;

/**
 * The Intune flow end to end on a whole local stack (issue 5's "done when"): CAs, trusted profiles, a dynamic and two
 * static groups, a mixed fleet with users from the device-simulator, a SCEP device profile and an S/MIME user profile
 * assigned with include and exclude; then group changes and a revocation. After each step the devices hold (or lose)
 * exactly the certificates they should, with the right subject, SANs and EKUs (checked by OpenSSL), and the deployment
 * reports (per profile and per device) match what the devices hold. Finally the dynamic group's rule changes and
 * the devices that leave it lose the profile.
 */
class FleetLifecycleIT {
    private static final String TENANT = "e2e";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private TestStack stack;
    private SimulatorClient simulator;

    @Test
    void groupAndAssignmentChangesReachTheDevicesAndTheReports(@TempDir Path tmp) throws Exception {
        stack = TestStack.up(tmp.resolve(".stratus"));
        boolean done = false;
        try {
            simulator = new SimulatorClient(stack.baseUrl(Service.SIMULATOR), WAIT);
            walkThrough(tmp);
            stack.downAndAssertNothingLeft();
            done = true;
        } finally {
            if (!done) {
                stack.downQuietly();
            }
        }
    }

    private void walkThrough(Path tmp) throws Exception {
        // 1. the CAs, and trusted profiles for both
        String rootId = json("ca", "create-root", "--name", "E2E Root", "--cn", "E2E Root CA", "--o", "Contoso",
                "--eku", "CLIENT_AUTH,EMAIL_PROTECTION").path("id").asText();
        JsonNode issuing = json("ca", "create-issuing", "--parent", rootId, "--name", "E2E Issuing", "--cn", "E2E Issuing CA",
                "--o", "Contoso", "--eku", "CLIENT_AUTH,EMAIL_PROTECTION");
        String issuingId = issuing.path("id").asText();
        Path rootPem = tmp.resolve("root.pem");
        Path issuingPem = tmp.resolve("issuing.pem");
        stack.ok("ca", "download", rootId, "--format", "pem", "--out", rootPem.toString(), "--tenant", TENANT);
        stack.ok("ca", "download", issuingId, "--format", "pem", "--out", issuingPem.toString(), "--tenant", TENANT);
        String trustedRoot = json("profile", "create-trusted", "--name", "Root trust", "--platform", "WINDOWS", "--cert",
                rootPem.toString(), "--store", "COMPUTER_ROOT", "--ca", rootId).path("id").asText();
        String trustedIssuing = json("profile", "create-trusted", "--name", "Issuing trust", "--platform", "WINDOWS", "--cert",
                issuingPem.toString(), "--store", "COMPUTER_INTERMEDIATE", "--ca", issuingId).path("id").asText();

        // 2. groups: every Windows device (dynamic), a pilot ring and kiosks (static)
        String windows = json("group", "create", "--name", "All Windows", "--rule", "device.platform -eq \"WINDOWS\"").path("id").asText();
        String pilot = json("group", "create", "--name", "Pilot").path("id").asText();
        String kiosks = json("group", "create", "--name", "Kiosks").path("id").asText();

        // 3. the fleet: two Windows and one macOS device in the pilot ring, one Windows kiosk; each with a primary user
        List<String> pilotDevices = simulator.createDevices(TENANT, pilot, "pilot", Map.of("WINDOWS", 2, "MACOS", 1), 3);
        List<String> kioskDevices = simulator.createDevices(TENANT, kiosks, "kiosk", Map.of("WINDOWS", 1), 1);
        List<String> pilotWindows = new ArrayList<>();
        String mac = null;
        for (String id : pilotDevices) {
            if ("WINDOWS".equals(simulator.device(id).path("platform").asText())) {
                pilotWindows.add(id);
            } else {
                mac = id;
            }
        }
        assertEquals(2, pilotWindows.size(), "pilot devices: " + pilotDevices);
        String kiosk = kioskDevices.get(0);

        // 4. a device certificate for every Windows device except kiosks, an S/MIME certificate for the pilot's users
        String scepUrl = issuing.path("scepUrl").asText();
        // profile-service learns of the issuing CA from its AuthorityCreated event, a moment after ca-service made it
        String deviceProfile = jsonOnceTheCaIsKnown("profile", "create-scep", "--name", "Device auth", "--platform", "WINDOWS", "--type", "DEVICE",
                "--ca", issuingId, "--scep-url", scepUrl, "--subject", "CN={{DeviceName}},O=Contoso",
                "--san", "DNS={{DeviceName}}.contoso.test", "--eku", "CLIENT_AUTH", "--key-storage", "TPM_REQUIRED",
                "--trusted", trustedRoot + "," + trustedIssuing)
                .path("id").asText();
        String smimeProfile = json("profile", "create-scep", "--name", "S/MIME", "--platform", "WINDOWS", "--type", "USER",
                "--ca", issuingId, "--scep-url", scepUrl, "--subject", "CN={{UserName}},O=Contoso",
                "--san", "EMAIL={{EmailAddress}}", "--eku", "EMAIL_PROTECTION", "--hash", "SHA384",
                "--trusted", trustedRoot + "," + trustedIssuing)
                .path("id").asText();
        json("assignment", "create", "--profile", deviceProfile, "--include", windows, "--exclude", kiosks);
        json("assignment", "create", "--profile", smimeProfile, "--include", pilot);

        for (String id : pilotWindows) {
            JsonNode d = simulator.await(id, dev -> enrolled(dev, deviceProfile) != null && enrolled(dev, smimeProfile) != null);
            String name = d.path("name").asText();
            String upn = d.path("primaryUser").asText();
            checkCertificate(id, enrolled(d, deviceProfile), "CN=" + name + ",O=Contoso", "DNS:" + name + ".contoso.test", CLIENT_AUTH,
                    rootPem, issuingPem);
            JsonNode smime = enrolled(d, smimeProfile);
            assertEquals("TPM_REQUIRED", enrolled(d, deviceProfile).path("keyStorageProvider").asText(), d.toString());
            assertEquals("SHA384", smime.path("hashAlgorithm").asText(), d.toString());
            assertTrue(upn.endsWith("@" + TENANT + ".test"), "device " + id + " has no primary user: " + d);
            checkCertificate(id, smime, "CN=" + userName(upn) + ",O=Contoso", "EMAIL:" + upn, EMAIL_PROTECTION, rootPem, issuingPem);
            List<String> stores = new ArrayList<>();
            smime.path("trustedCertificates").forEach(t -> stores.add(t.path("store").asText() + " " + t.path("subject").asText()));
            assertTrue(stores.contains("COMPUTER_ROOT CN=E2E Root CA,O=Contoso"), "trusted certificates: " + stores);
            assertTrue(stores.contains("COMPUTER_INTERMEDIATE CN=E2E Issuing CA,O=Contoso"), "trusted certificates: " + stores);
        }
        assertEquals(0, heldCount(simulator.device(kiosk)), "an excluded kiosk got a certificate: " + simulator.device(kiosk));
        assertEquals(0, heldCount(simulator.device(mac)), "a macOS device got a Windows profile: " + simulator.device(mac));
        awaitReport(deviceProfile, 2, 0);
        awaitReport(smimeProfile, 2, 1);

        // 5. a pilot device leaves the ring: it loses the S/MIME certificate and keeps its device certificate
        String leaving = pilotWindows.get(0);
        String staying = pilotWindows.get(1);
        stack.ok("group", "remove", pilot, leaving, "--tenant", TENANT);
        JsonNode left = simulator.await(leaving, dev -> "UNASSIGNED".equals(assignmentOf(dev, smimeProfile).path("state").asText()));
        assertEquals(null, enrolled(left, smimeProfile), "still holds the S/MIME certificate: " + left);
        assertTrue(enrolled(left, deviceProfile) != null, "lost its device certificate: " + left);
        awaitReport(smimeProfile, 1, 1);
        awaitReport(deviceProfile, 2, 0);

        // 6. the kiosk joins the pilot ring: it gets the S/MIME certificate, and still no device certificate (excluded)
        stack.ok("group", "add", pilot, "--device", kiosk, "--tenant", TENANT);
        JsonNode joined = simulator.await(kiosk, dev -> enrolled(dev, smimeProfile) != null);
        String kioskUpn = joined.path("primaryUser").asText();
        checkCertificate(kiosk, enrolled(joined, smimeProfile), "CN=" + userName(kioskUpn) + ",O=Contoso", "EMAIL:" + kioskUpn,
                EMAIL_PROTECTION, rootPem, issuingPem);
        assertEquals(null, enrolled(joined, deviceProfile), "the excluded kiosk got a device certificate: " + joined);
        awaitReport(smimeProfile, 2, 1);

        // 7. revoking a device certificate: the device stops using it and the report says so
        String serial = enrolled(simulator.device(staying), deviceProfile).path("serialNumber").asText();
        stack.ok("cert", "revoke", serial, "--reason", "keyCompromise", "--tenant", TENANT);
        simulator.await(staying, dev -> "REVOKED".equals(assignmentOf(dev, deviceProfile).path("state").asText()));
        JsonNode report = awaitReport(deviceProfile, 1, 0);
        assertEquals(1, report.path("failed").asInt(), "report after the revocation: " + report);
        JsonNode perDevice = json("device", "report", staying);
        assertEquals("FAILED", profileRow(perDevice, deviceProfile).path("status").asText(), perDevice.toString());
        assertEquals("SUCCEEDED", profileRow(perDevice, smimeProfile).path("status").asText(), perDevice.toString());
        JsonNode leaver = json("device", "report", leaving);
        assertEquals("SUCCEEDED", profileRow(leaver, deviceProfile).path("status").asText(), leaver.toString());
        assertTrue(profileRow(leaver, smimeProfile).isMissingNode(), "the S/MIME profile is no longer the leaver's: " + leaver);

        // 8. the dynamic rule changes to macOS devices: the Windows devices leave its scope and lose the device
        // certificate; the Mac enters it, but the profile is for Windows (not applicable)
        stack.ok("group", "update", windows, "--rule", "device.platform -eq \"MACOS\"", "--tenant", TENANT);
        simulator.await(leaving, dev -> "UNASSIGNED".equals(assignmentOf(dev, deviceProfile).path("state").asText()));
        simulator.await(staying, dev -> "UNASSIGNED".equals(assignmentOf(dev, deviceProfile).path("state").asText()));
        assertTrue(enrolled(simulator.device(staying), smimeProfile) != null, "the S/MIME certificate stays: " + simulator.device(staying));
        awaitReport(deviceProfile, 0, 1);
    }

    private static JsonNode profileRow(JsonNode deviceReport, String profileId) {
        for (JsonNode p : deviceReport.path("profiles")) {
            if (profileId.equals(p.path("profileId").asText())) {
                return p;
            }
        }
        return Json.MAPPER.missingNode();
    }

    /** The profile's report once it shows {@code succeeded} and {@code notApplicable}, and as many rows as counted. */
    private JsonNode awaitReport(String profileId, int succeeded, int notApplicable) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode r = json("report", profileId);
        while (r.path("succeeded").asInt() != succeeded || r.path("notApplicable").asInt() != notApplicable
                || r.path("pending").asInt() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("report of " + profileId + " expected " + succeeded + " succeeded, " + notApplicable
                        + " not applicable, none pending: " + r);
            }
            Thread.sleep(250);
            r = json("report", profileId);
        }
        int total = r.path("succeeded").asInt() + r.path("pending").asInt() + r.path("failed").asInt() + r.path("notApplicable").asInt();
        assertEquals(total, r.path("devices").size(), "report rows: " + r);
        return r;
    }

    /** {{UserName}}: the part of the UPN before the @. */
    private static String userName(String upn) {
        return upn.substring(0, upn.indexOf('@'));
    }

    private static int heldCount(JsonNode device) {
        int n = 0;
        for (JsonNode a : device.path("assignments")) {
            n += "ENROLLED".equals(a.path("state").asText()) ? 1 : 0;
        }
        return n;
    }

    /** The device's certificate of that assignment, as OpenSSL reads it: chain, subject, SAN and EKU. */
    private void checkCertificate(String deviceId, JsonNode assignment, String subject, String san, String eku, Path root,
            Path issuing) throws Exception {
        Path pem = Files.createTempFile("stratus-e2e-", ".pem");
        try {
            Files.writeString(pem, simulator.certificate(deviceId, assignment.path("assignmentId").asText()));
            OpenSsl.verifyChain(root, issuing, pem);
            String text = OpenSsl.run("x509", "-in", pem.toString(), "-noout", "-subject", "-ext", "subjectAltName,extendedKeyUsage",
                    "-nameopt", "RFC2253");
            assertTrue(text.contains("subject=" + subject), "subject: " + text);
            String opensslSan = san.startsWith("EMAIL:") ? "email:" + san.substring("EMAIL:".length()) : san;
            assertTrue(text.contains(opensslSan), "SAN " + opensslSan + ": " + text);
            assertTrue(text.contains(eku.equals(CLIENT_AUTH) ? "TLS Web Client Authentication" : "E-mail Protection"), "EKU: " + text);
            assertEquals(subject, assignment.path("subject").asText());
            assertTrue(assignment.path("subjectAlternativeNames").toString().contains(san), assignment.toString());
            assertEquals("[\"" + eku + "\"]", assignment.path("extendedKeyUsages").toString(), "EKUs the device saw");
        } finally {
            Files.deleteIfExists(pem);
        }
    }

    private JsonNode json(String... args) throws Exception {
        return stack.json(TENANT, args);
    }

    /** {@link #json} that tries again (up to a minute) while profile-service answers that the CA is not known yet. */
    private JsonNode jsonOnceTheCaIsKnown(String... args) throws Exception {
        String[] full = java.util.Arrays.copyOf(args, args.length + 3);
        full[args.length] = "--tenant";
        full[args.length + 1] = TENANT;
        full[args.length + 2] = "--json";
        long deadline = System.nanoTime() + 60_000_000_000L;
        TestStack.Captured answer = stack.capture(full);
        while (answer.code() != 0 && answer.err().contains("is not a CA known") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answer = stack.capture(full);
        }
        assertEquals(0, answer.code(), String.join(" ", args) + ": " + answer.err());
        return Json.MAPPER.readTree(answer.out());
    }
}
