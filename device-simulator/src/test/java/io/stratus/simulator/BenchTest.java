package io.stratus.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stratus.events.KeySpec;
import io.stratus.simulator.fixtures.Await;
import io.stratus.simulator.fixtures.ProfileServiceStandInResource;
import io.stratus.simulator.fixtures.SimulatorFixtures;
import io.stratus.simulator.fixtures.StandInRecords;
import io.stratus.simulator.fixtures.StandInRecords.RegisteredDevice;
import io.stratus.testkit.StratusTestResource;

/** The enrollment benchmark against the SCEP fixture, with assignments published as profile-service would. */
@QuarkusTest
@WithTestResource(StratusTestResource.class)
@WithTestResource(ProfileServiceStandInResource.class)
class BenchTest {

    @Test
    void benchEnrollsEveryDeviceAndReportsOrderedPercentiles() {
        String id = startBench("bench-tenant", "bench-group", 20, 4);

        // Act as profile-service: every device added to the group gets its assignment.
        Set<String> assigned = new HashSet<>();
        Await.untilTrue("assignments for all 20 bench devices", () -> {
            for (RegisteredDevice device : StandInRecords.members("bench-group")) {
                if (assigned.add(device.id())) {
                    FleetEnrollmentTest.assign(device, "success", KeySpec.ec(256));
                }
            }
            return assigned.size() == 20;
        });

        Map<String, Object> result = awaitFinished(id);
        assertEquals("DONE", result.get("state"), String.valueOf(result.get("error")));
        assertEquals(20, result.get("devices"));
        assertEquals(20, result.get("issued"));
        assertEquals(0, result.get("failed"));
        double p50 = number(result, "p50_ms");
        double p95 = number(result, "p95_ms");
        double p99 = number(result, "p99_ms");
        assertTrue(p50 > 0, "p50 " + p50);
        assertTrue(p50 <= p95 && p95 <= p99, p50 + " <= " + p95 + " <= " + p99);
        assertTrue(number(result, "seconds") > 0);
        assertTrue(number(result, "enrollments_per_second") > 0);
        assertTrue(number(result, "registration_seconds") > 0, "the preparation is timed: " + result);
        assertTrue(number(result, "assignments_seconds") > 0, "the preparation is timed: " + result);

        List<Map<String, Object>> devices = given().when().get("/api/v1/fleet/devices?tenant=bench-tenant")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(20, devices.stream().filter(d -> "ENROLLED".equals(d.get("state"))).count());

        // what each device received, as the chaos harness reads it: the serial the device itself holds
        List<Map<String, Object>> received = given().when().get("/api/v1/fleet/bench/{id}/certificates", id)
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(20, received.size(), received.toString());
        Map<Object, Object> heldByDevice = new java.util.HashMap<>();
        devices.forEach(d -> heldByDevice.put(d.get("deviceId"), d.get("serialNumber")));
        for (Map<String, Object> item : received) {
            assertEquals(heldByDevice.get(item.get("deviceId")), item.get("serial"), item.toString());
        }
        given().when().get("/api/v1/fleet/bench/{id}/certificates", "no-such-run").then().statusCode(404);
    }

    @Test
    void benchWithoutAssignmentsFailsWithAnError() {
        String id = startBench("lonely-tenant", "group-without-profiles", 2, 2);
        Map<String, Object> result = awaitFinished(id);
        assertEquals("FAILED", result.get("state"));
        assertTrue(String.valueOf(result.get("error")).contains("only 0 of 2 assignments arrived"),
                String.valueOf(result.get("error")));
    }

    @Test
    void staticBenchSendsTheSameRequestsToAnyScepUrl() {
        String issuing = SimulatorFixtures.scep().url("success", "static-bench");
        SimulatorFixtures.scep().expectChallenge("static-bench-secret");
        Map<String, Object> result = awaitFinished(startStaticBench(issuing, "static-bench-secret", 12, 3));
        assertEquals("DONE", result.get("state"), String.valueOf(result.get("error")));
        assertEquals(12, result.get("issued"));
        assertEquals(0, result.get("failed"));
        assertTrue(number(result, "p50_ms") > 0);
        assertEquals(null, result.get("assignments_seconds"), "a static bench has no assignments");

        String refusing = SimulatorFixtures.scep().url("failure", "static-bench-refused");
        Map<String, Object> refused = awaitFinished(startStaticBench(refusing, "static-bench-secret", 5, 2));
        assertEquals("DONE", refused.get("state"));
        assertEquals(0, refused.get("issued"));
        assertEquals(5, refused.get("failed"), "a refused enrollment counts as failed, never as issued");

        // a server that is not there: every enrollment fails, the run still ends DONE with its counts
        Map<String, Object> unreachable = awaitFinished(startStaticBench("http://127.0.0.1:1/scep", "static-bench-secret",
                3, 3));
        assertEquals("DONE", unreachable.get("state"), String.valueOf(unreachable.get("error")));
        assertEquals(0, unreachable.get("issued"));
        assertEquals(3, unreachable.get("failed"));
    }

    @Test
    void aHeldRunStartsNoFurtherEnrollmentUntilReleased() throws InterruptedException {
        String issuing = SimulatorFixtures.scep().url("success", "held-bench");
        SimulatorFixtures.scep().expectChallenge("held-bench-secret");
        int devices = 40;
        int concurrency = 3;
        String id = startStaticBench(issuing, "held-bench-secret", devices, concurrency);
        Map<String, Object> atHold = given().when().post("/api/v1/fleet/bench/{id}/hold", id).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertEquals(true, atHold.get("held"), atHold.toString());
        int issuedAtHold = atHold.get("issued") == null ? 0 : (Integer) atHold.get("issued");

        Await.until("the held run to reach its enrollment phase", () -> {
            Map<String, Object> run = view(id);
            return "RUNNING".equals(run.get("state")) ? run : null;
        });
        Thread.sleep(2000);
        Map<String, Object> held = view(id);
        assertEquals("RUNNING", held.get("state"), "a held run does not finish: " + held);
        assertTrue((Integer) held.get("issued") <= issuedAtHold + concurrency,
                "only the enrollments in flight at the hold may finish: " + issuedAtHold + " then " + held);

        given().when().post("/api/v1/fleet/bench/{id}/release", id).then().statusCode(200);
        Map<String, Object> result = awaitFinished(id);
        assertEquals("DONE", result.get("state"), String.valueOf(result.get("error")));
        assertEquals(devices, result.get("issued"));
        assertEquals(false, result.get("held"));
        given().when().post("/api/v1/fleet/bench/{id}/hold", "no-such-run").then().statusCode(404);
    }

    private static Map<String, Object> view(String id) {
        return given().when().get("/api/v1/fleet/bench/{id}", id).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    @Test
    void staticBenchNeedsAnHttpUrlAndTheChallenge() {
        given().contentType(ContentType.JSON).body(Map.of("scepUrl", "ftp://example.test/scep", "challenge", "x",
                "devices", 1)).when().post("/api/v1/fleet/bench").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("scepUrl", SimulatorFixtures.scep().url("success", "x"),
                "devices", 1)).when().post("/api/v1/fleet/bench").then().statusCode(400);
    }

    private static String startStaticBench(String scepUrl, String challenge, int devices, int concurrency) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("scepUrl", scepUrl, "challenge", challenge, "devices", devices, "concurrency", concurrency))
                .when().post("/api/v1/fleet/bench")
                .then().statusCode(202).extract().jsonPath().getString("id");
    }

    private static String startBench(String tenant, String groupId, int devices, int concurrency) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("tenant", tenant, "groupId", groupId, "devices", devices, "concurrency", concurrency))
                .when().post("/api/v1/fleet/bench")
                .then().statusCode(202).extract().jsonPath().getString("id");
    }

    private static Map<String, Object> awaitFinished(String id) {
        return Await.until("bench " + id + " to finish", () -> {
            Map<String, Object> run = given().when().get("/api/v1/fleet/bench/{id}", id).then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            return "DONE".equals(run.get("state")) || "FAILED".equals(run.get("state")) ? run : null;
        });
    }

    private static double number(Map<String, Object> result, String field) {
        return ((Number) result.get(field)).doubleValue();
    }
}
