package io.stratus.simulator;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.stratus.simulator.fixtures.Await;

/** The simulator's REST API as the tests drive it. */
final class FleetApi {

    private FleetApi() {
    }

    /** POST /api/v1/fleet/devices; asserts 202; returns the device ids. */
    static List<String> createFleet(String tenant, String groupId, int count, String platform, String namePrefix) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("tenant", tenant, "groupId", groupId, "count", count, "platform", platform,
                        "namePrefix", namePrefix))
                .when().post("/api/v1/fleet/devices")
                .then().statusCode(202)
                .extract().jsonPath().getList("deviceIds", String.class);
    }

    static Map<String, Object> device(String id) {
        return given().when().get("/api/v1/fleet/devices/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap("$");
    }

    /** Waits until the device is ENROLLED or FAILED and returns its view. */
    static Map<String, Object> awaitSettled(String id) {
        return Await.until("device " + id + " to settle", () -> {
            Map<String, Object> device = device(id);
            Object state = device.get("state");
            return "ENROLLED".equals(state) || "FAILED".equals(state) ? device : null;
        });
    }
}
