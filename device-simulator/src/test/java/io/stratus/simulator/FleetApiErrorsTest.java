package io.stratus.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stratus.simulator.fixtures.ProfileServiceStandInResource;
import io.stratus.testkit.StratusTestResource;

/** Bad requests get a 400/404 problem+json that says what is wrong, and create nothing. */
@QuarkusTest
@WithTestResource(StratusTestResource.class)
@WithTestResource(ProfileServiceStandInResource.class)
class FleetApiErrorsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void fleetRequestsAreChecked() {
        badFleet(Map.of("groupId", "g", "count", 1), "tenant is required");
        badFleet(Map.of("tenant", "t", "count", 1), "groupId is required");
        badFleet(Map.of("tenant", "t", "groupId", "g"), "count is required");
        badFleet(Map.of("tenant", "t", "groupId", "g", "count", 0), "device count must be between 1 and");
        badFleet(Map.of("tenant", "t", "groupId", "g", "count", 1_000_000), "device count must be between 1 and");
        badFleet(Map.of("tenant", "t", "groupId", "g", "count", 1, "platform", "PALM"), "platform must be one of");
        badFleet(Map.of("tenant", "t/../x", "groupId", "g", "count", 1), "tenant must be");
        given().contentType(ContentType.JSON).body("{\"tenant\":").when().post("/api/v1/fleet/devices")
                .then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"tenant\":\"t\",\"groupId\":\"g\",\"count\":\"many\"}")
                .when().post("/api/v1/fleet/devices").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).when().post("/api/v1/fleet/devices")
                .then().statusCode(400).contentType(PROBLEM);
        given().when().get("/api/v1/fleet/devices?tenant=t").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void unknownDevicesAndMissingCertificatesAre404() {
        given().when().get("/api/v1/fleet/devices/{id}", UUID.randomUUID().toString())
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/fleet/devices/{id}/certificate", UUID.randomUUID().toString())
                .then().statusCode(404).contentType(PROBLEM);
        String waiting = FleetApi.createFleet("waiting-tenant", "nobody-assigns", 1, "WINDOWS", "idle").get(0);
        given().when().get("/api/v1/fleet/devices/{id}/certificate", waiting)
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("no certificate yet"));
    }

    @Test
    void benchRequestsAreChecked() {
        badBench(Map.of("groupId", "g", "devices", 1), "tenant is required");
        badBench(Map.of("tenant", "t", "groupId", "g"), "devices is required");
        badBench(Map.of("tenant", "t", "groupId", "g", "devices", 0), "device count must be between 1 and");
        badBench(Map.of("tenant", "t", "groupId", "g", "devices", 1, "concurrency", 0),
                "concurrency must be between 1 and 1024");
        given().when().get("/api/v1/fleet/bench/{id}", UUID.randomUUID().toString())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void readinessIncludesKafkaAndMetricsAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP"))
                .body("checks.find { it.name.startsWith('SmallRye Reactive Messaging') }.data.assignments",
                        containsString("OK"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("stratus_simulator_enrollments_total{outcome=\"issued\""))
                .body(containsString("stratus_simulator_enrollments_total{outcome=\"rejected\""))
                .body(containsString("stratus_simulator_enrollment_latency_seconds_count"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/fleet/bench"));
    }

    private static void badFleet(Map<String, Object> body, String detail) {
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/fleet/devices")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString(detail));
    }

    private static void badBench(Map<String, Object> body, String detail) {
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/fleet/bench")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString(detail));
    }
}
