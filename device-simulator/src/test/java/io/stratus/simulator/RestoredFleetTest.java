package io.stratus.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.Serials;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.simulator.config.InstanceIdentity;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.fixtures.Await;
import io.stratus.simulator.fixtures.DeviceEvents;
import io.stratus.simulator.fixtures.RestoredStateResource;
import io.stratus.simulator.fixtures.SimulatorFixtures;
import io.stratus.simulator.mapping.DeviceRecord;
import io.stratus.simulator.mapping.DeviceRecords;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * A restart: the simulator starts on a state directory a previous run left. Enrolled devices stay
 * enrolled (a replayed ProfileAssigned does not enroll them again); an enrollment that was interrupted
 * resumes; the instance keeps its id and so its consumer group.
 */
@QuarkusTest
@WithTestResource(StratusTestResource.class)
@WithTestResource(RestoredStateResource.class)
class RestoredFleetTest {

    @Inject
    InstanceIdentity instance;

    @Test
    void theInstanceKeepsItsId() {
        assertEquals(RestoredStateResource.INSTANCE, instance.id());
        assertEquals("device-simulator-restored-instance", instance.consumerGroup());
    }

    @Test
    void enrolledDevicesStayEnrolledWhenOldAssignmentsAreReplayed() throws Exception {
        SimulatedDevice saved = DeviceRecords.fromRecord(record(RestoredStateResource.ENROLLED));
        String serial = Serials.hex(saved.certificate().getSerialNumber());
        Map<String, Object> view = FleetApi.device(RestoredStateResource.ENROLLED);
        assertEquals("ENROLLED", view.get("state"));
        assertEquals(serial, view.get("serialNumber"));
        given().when().get("/api/v1/fleet/devices/{id}/certificate", RestoredStateResource.ENROLLED)
                .then().statusCode(200);

        // the old event again, as a consumer without committed offsets would read it
        ProfileAssignedEvent old = saved.assignment("a-1").orElseThrow().event();
        SimulatorFixtures.publisher().publish(old);
        // then a new assignment on the same key (same partition): once it is handled, the replay was consumed
        SimulatorFixtures.publisher().publish(
                DeviceEvents.assigned(saved, "marker", RestoredStateResource.DEAD_SCEP_URL, SimulatorFixtures.pki()));
        Await.untilTrue("the marker assignment to be tried", () -> "FAILED".equals(assignment("marker").get("state")));

        Map<String, Object> kept = assignment("a-1");
        assertEquals("ENROLLED", kept.get("state"), "not enrolled again: " + kept.get("error"));
        assertNull(kept.get("error"));
        assertEquals(serial, kept.get("serialNumber"));
        assertEquals(2, ((List<?>) kept.get("trustedCertificates")).size());
    }

    @Test
    void anInterruptedEnrollmentResumesAtStart() {
        Map<String, Object> view = Await.until("the interrupted enrollment to be retried", () -> {
            Map<String, Object> device = FleetApi.device(RestoredStateResource.ENROLLING);
            return "FAILED".equals(device.get("state")) ? device : null;
        });
        // it got as far as the SCEP server, which is gone: the challenge opened and the request was built
        assertNotNull(view.get("error"));
        assertEquals(true, String.valueOf(view.get("error")).contains("127.0.0.1:9")
                || String.valueOf(view.get("error")).toLowerCase().contains("connect"), String.valueOf(view.get("error")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> assignment(String assignmentId) {
        List<Map<String, Object>> assignments = given().when()
                .get("/api/v1/fleet/devices/{id}", RestoredStateResource.ENROLLED).then().statusCode(200)
                .extract().jsonPath().getList("assignments");
        return assignments.stream().filter(a -> assignmentId.equals(a.get("assignmentId"))).findFirst()
                .orElse(Map.of());
    }

    private static DeviceRecord record(String id) throws Exception {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("stratus.simulator.state-dir", String.class));
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(Files.readString(dir.resolve("devices").resolve(id + ".json")), DeviceRecord.class);
    }
}
