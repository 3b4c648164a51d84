package io.stratus.profile.service;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.createTrustedRoot;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.report;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.Topics;
import io.stratus.profile.support.AssignmentEvents;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * An assignment to a group larger than a slice (two devices here) reaches its devices slice by slice in the
 * background, each device exactly once, also when a slice fails on the way and is taken up again.
 */
@QuarkusTest
@TestProfile(AssignmentRolloutTest.SmallSlices.class)
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class AssignmentRolloutTest {

    public static class SmallSlices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stratus.profile.rollout.slice-size", "2", "stratus.profile.rollout.resume-interval", "1s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String tenant = "rollout-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DataSource db;

    private TopicReader topic;
    private AssignmentEvents events;

    @BeforeEach
    void openTopic() {
        topic = new TopicReader(Topics.ASSIGNMENTS);
        events = new AssignmentEvents(topic, tenant, db);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void aGroupLargerThanASliceIsReachedInTheBackgroundEachDeviceOnce() throws Exception {
        List<String> devices = register("big", 5);
        String group = createGroup(tenant, "big");
        addMembers(tenant, group, devices.toArray(String[]::new));
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of(createTrustedRoot(tenant))));

        var created = createAssignment(tenant, profileId, List.of(group), List.of());
        assertEquals(2, created.getInt("devices"), "the request deploys the first slice");
        assertEquals("IN_PROGRESS", created.getString("rollout"));
        String assignmentId = created.getString("id");

        awaitRolledOut(assignmentId);
        assertEquals(expectedEvents(devices), events.since(), "one ProfileAssigned per device, none twice");
        assertEquals(rowsPerDevice(devices), rows(assignmentId));
        assertEquals(5, report(tenant, profileId).getInt("pending"));
    }

    @Test
    void aSliceThatFailsIsTakenUpAgainAndNoDeviceIsReachedTwice() throws Exception {
        List<String> devices = register("retry", 7);
        String group = createGroup(tenant, "retry");
        addMembers(tenant, group, devices.toArray(String[]::new));
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of(createTrustedRoot(tenant))));
        String name = "fail_once_" + UUID.randomUUID().toString().replace("-", "");
        // the third slice (devices 4 and 5) fails once, after the first two were committed
        refuseOnce(name, devices.get(5));
        try {
            String assignmentId = createAssignment(tenant, profileId, List.of(group), List.of()).getString("id");
            awaitRolledOut(assignmentId);
            assertEquals(2, nextval(name), "the refusal happened once and the slice ran again");
            assertEquals(expectedEvents(devices), events.since(), "one ProfileAssigned per device, none twice");
            assertEquals(rowsPerDevice(devices), rows(assignmentId));
        } finally {
            dropRefusal(name);
        }
    }

    private List<String> register(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DeviceIdentity device = DeviceIdentity.of(prefix + "-" + i, "PC-" + prefix + "-" + i, "SN-" + prefix + i,
                    "WINDOWS", KeyAlgorithm.EC_P256);
            registerDevice(tenant, device);
            ids.add(device.id());
        }
        return ids;
    }

    private void awaitRolledOut(String assignmentId) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!"COMPLETE".equals(admin().get(base(tenant) + "/assignments/" + assignmentId).then().statusCode(200)
                .extract().jsonPath().getString("rollout"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("assignment " + assignmentId + " not rolled out within " + WAIT);
            }
            Thread.sleep(200);
        }
    }

    private static List<String> expectedEvents(List<String> devices) {
        return devices.stream().map(id -> "assigned:" + id).sorted().toList();
    }

    private static Map<String, Integer> rowsPerDevice(List<String> devices) {
        Map<String, Integer> expected = new TreeMap<>();
        devices.forEach(id -> expected.put(id, 1));
        return expected;
    }

    /** The assignment's status rows per device. */
    private Map<String, Integer> rows(String assignmentId) throws SQLException {
        Map<String, Integer> rows = new TreeMap<>();
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select device_id, count(*) from device_assignment where assignment_id = ? group by device_id")) {
            query.setString(1, assignmentId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return rows;
    }

    /** A trigger that refuses the first insert of the device's status row: its slice's transaction rolls back. */
    private static void refuseOnce(String name, String deviceId) throws SQLException {
        try (Connection connection = superuser(); Statement sql = connection.createStatement()) {
            sql.execute("create sequence " + name);
            // security definer: it runs as its creator, who owns the sequence
            sql.execute("create function " + name + "() returns trigger language plpgsql security definer as $$ begin"
                    + " if nextval('" + name + "') = 1 then raise exception 'refused once for the test'; end if;"
                    + " return new; end $$");
            sql.execute("create trigger " + name + " before insert on device_assignment for each row"
                    + " when (new.device_id = '" + deviceId + "') execute function " + name + "()");
        }
    }

    private static long nextval(String name) throws SQLException {
        try (Connection connection = superuser(); Statement sql = connection.createStatement();
                ResultSet result = sql.executeQuery("select last_value from " + name)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void dropRefusal(String name) throws SQLException {
        try (Connection connection = superuser(); Statement sql = connection.createStatement()) {
            sql.execute("drop trigger " + name + " on device_assignment");
            sql.execute("drop function " + name + "()");
            sql.execute("drop sequence " + name);
        }
    }

    private static Connection superuser() throws SQLException {
        var config = ConfigProvider.getConfig();
        return java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue(StratusTestResource.SUPERUSER + "username", String.class),
                config.getValue(StratusTestResource.SUPERUSER + "password", String.class));
    }
}
