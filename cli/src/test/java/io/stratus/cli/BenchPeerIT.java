package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SystemTool;

/**
 * {@code stratus bench --peer micromdm} against the real micromdm scepserver (Debian package scep, not written here):
 * the same client and load against both servers, with Stratus's certificates counted in ca-service.
 */
@RequiresSystemTool(SystemTool.SCEPSERVER)
class BenchPeerIT {

    @Test
    void sameStaticChallengeLoadAgainstMicromdmAndStratus(@TempDir Path tmp) throws Exception {
        TestStack stack = TestStack.up(tmp.resolve(".stratus"));
        boolean done = false;
        try {
            JsonNode result = Json.MAPPER.readTree(stack.ok("bench", "--peer", "micromdm", "--devices", "6",
                    "--concurrency", "2", "--json").out());
            assertEquals(6, result.path("issued").asInt(), result.toString());
            assertEquals(0, result.path("failed").asInt(), result.toString());
            assertEquals(6, result.path("ca_certificates").asInt(), "ca-service's own count: " + result);
            assertEquals("micromdm", result.path("peer").asText());
            JsonNode peer = result.path("peer_result");
            assertEquals(6, peer.path("devices").asInt(), result.toString());
            assertTrue(peer.path("issued").asInt() > 0, "micromdm issued certificates to the same client: " + result);
            assertTrue(peer.path("cpu_ms_per_enrollment").has("scepserver"), result.toString());
            assertTrue(result.path("ratio_to_peer").asDouble() > 0, result.toString());
            stack.downAndAssertNothingLeft();
            done = true;
        } finally {
            if (!done) {
                stack.downQuietly();
            }
        }
    }
}
