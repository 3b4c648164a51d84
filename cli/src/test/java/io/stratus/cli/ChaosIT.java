package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code stratus chaos} at a small size on a whole local stack (issue 11): a bench during which ca-service,
 * enrollment-service and profile-service are killed with SIGKILL, a PostgreSQL server process is killed (crash
 * recovery) and the Kafka broker's process is killed; then the databases hold exactly one certificate per device,
 * each one a device received, every event published, a full deployment report and an audit chain that verifies.
 */
class ChaosIT {
    private static final int DEVICES = 80;

    @Test
    void nothingIsLostOrDoubledWhenEveryPartOfTheStackCrashesMidRun(@TempDir Path tmp) throws Exception {
        TestStack stack = TestStack.up(tmp.resolve(".stratus"));
        boolean done = false;
        try {
            Instant before = Instant.now();
            TestStack.Captured run = stack.capture("chaos", "--devices", "" + DEVICES, "--concurrency", "2", "--json");
            JsonNode result = Json.MAPPER.readTree(run.out());
            assertEquals(0, run.code(), "chaos failed: " + result);
            assertTrue(result.path("passed").asBoolean(), result.toString());

            List<String> faults = new ArrayList<>();
            result.path("faults").forEach(f -> faults.add(f.path("fault").asText()));
            assertEquals(List.of("kill_ca_service", "kill_enrollment_service", "crash_postgres", "kill_kafka",
                    "kill_profile_service"), faults, "every fault fired, in order: " + result);
            assertEquals(DEVICES, result.path("issued").asInt(), result.toString());
            assertEquals(0, result.path("failed").asInt(), result.toString());
            assertEquals(DEVICES, result.path("ca_certificates").asInt(), "ca-service's table: " + result);
            assertEquals(0, result.path("ca_devices_with_several").asInt(), result.toString());
            assertEquals(0, result.path("certificates_not_received").asInt(), result.toString());
            assertEquals(DEVICES, result.path("enrollments").path("ISSUED").asInt(), result.toString());
            assertEquals(1, result.path("enrollments").size(), "no transaction PENDING or REJECTED: " + result);
            assertEquals(DEVICES, result.path("report_succeeded").asInt(), result.toString());
            assertTrue(result.path("audit_valid").asBoolean(), result.toString());

            // the same check against the same databases fails when the devices' side does not match: certificates
            // the CA signed that no device holds are found and counted
            String issuing = issuingCa(stack);
            ChaosCheck unmatched = ChaosCheck.of(stack.config().database(), issuing, before, Map.of());
            assertEquals(DEVICES, unmatched.certificates());
            assertEquals(DEVICES, unmatched.notReceived());
            assertFalse(unmatched.passes(DEVICES));

            stack.downAndAssertNothingLeft();
            done = true;
        } finally {
            if (!done) {
                stack.downQuietly();
            }
        }
    }

    private static String issuingCa(TestStack stack) throws Exception {
        for (JsonNode ca : stack.json("chaos", "ca", "list")) {
            if ("ISSUING".equals(ca.path("kind").asText()) && "ACTIVE".equals(ca.path("status").asText())) {
                return ca.path("id").asText();
            }
        }
        throw new AssertionError("no active issuing CA in tenant chaos");
    }
}
