package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code stratus up --replicas 2}: two processes each of ca-service and enrollment-service share the work through
 * Kafka consumer groups and PostgreSQL. A bench spread over both enrollment replicas gets every certificate once,
 * and no PKCSReq waits out the reply timeout although half of the CA's answers are consumed by the replica that
 * does not hold the request.
 */
class ReplicasIT {

    @Test
    void twoReplicasAnswerEveryRequestWhereItWaits(@TempDir Path tmp) throws Exception {
        TestStack stack = TestStack.up(tmp.resolve(".stratus"), 2);
        boolean done = false;
        try {
            StackConfig config = stack.config();
            JsonNode status = Json.MAPPER.readTree(stack.ok("status", "--json").out());
            assertTrue(status.path("running").asBoolean(), status.toString());
            assertTrue(status.path("services").path("enrollment-service-2").path("ready").asBoolean(), status.toString());
            assertTrue(status.path("services").path("ca-service-2").path("ready").asBoolean(), status.toString());

            JsonNode result = Json.MAPPER.readTree(stack.ok("bench", "--devices", "40", "--concurrency", "4", "--json")
                    .out());
            assertEquals(40, result.path("issued").asInt(), result.toString());
            assertEquals(0, result.path("failed").asInt(), result.toString());
            assertEquals(40, result.path("ca_certificates").asInt(), "ca-service's own count: " + result);
            assertEquals(0, result.path("ca_devices_with_several").asInt(), result.toString());
            assertEquals(0, result.path("reply_timeouts").asInt(-1), "every answer reached its request: " + result);
            for (ServiceInstance replica : config.instances(Service.ENROLLMENT)) {
                assertTrue(pkiOperations(replica.baseUrl(config)) > 0, replica.name() + " served none of the bench");
            }
            assertTrue(result.path("cpu_ms_per_enrollment").has("ca-service-2"), result.toString());
            stack.downAndAssertNothingLeft();
            done = true;
        } finally {
            if (!done) {
                stack.downQuietly();
            }
        }
    }

    /** PKIOperations a replica answered, from its Prometheus metrics. */
    private static long pkiOperations(String baseUrl) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        long count = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("stratus_scep_pkioperation_seconds_count")) {
                count += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return count;
    }
}
