package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** The device-simulator's REST API (docs/simulator.md) as the end-to-end tests use it. */
final class SimulatorClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final Duration wait;

    SimulatorClient(String baseUrl, Duration wait) {
        this.baseUrl = baseUrl;
        this.wait = wait;
    }

    /** Creates {@code count} devices with a primary user each in {@code group}; their ids. */
    List<String> createDevices(String tenant, String group, String prefix, Map<String, Integer> platforms, int count) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("tenant", tenant);
        body.put("groupId", group);
        body.put("count", count);
        body.put("platforms", platforms);
        body.put("withUsers", true);
        body.put("namePrefix", prefix);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/fleet/devices"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(r.body()).path("deviceIds").forEach(i -> ids.add(i.asText()));
        assertEquals(count, ids.size(), r.body());
        return ids;
    }

    JsonNode device(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/fleet/devices/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    /** The device once {@code condition} holds; fails after the wait. */
    JsonNode await(String id, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        JsonNode d = device(id);
        while (!condition.test(d)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("device " + id + " did not get there in " + wait.toSeconds() + " s: " + d);
            }
            Thread.sleep(250);
            d = device(id);
        }
        return d;
    }

    /** The PEM of the certificate the device holds for an assignment. */
    String certificate(String deviceId, String assignmentId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/fleet/devices/" + deviceId
                + "/certificate?assignmentId=" + assignmentId)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static JsonNode assignmentOf(JsonNode device, String profileId) {
        for (JsonNode a : device.path("assignments")) {
            if (profileId.equals(a.path("profileId").asText())) {
                return a;
            }
        }
        return Json.MAPPER.missingNode();
    }

    /** The assignment of that profile when the device holds its certificate, else null. */
    static JsonNode enrolled(JsonNode device, String profileId) {
        JsonNode a = assignmentOf(device, profileId);
        return "ENROLLED".equals(a.path("state").asText()) ? a : null;
    }
}
