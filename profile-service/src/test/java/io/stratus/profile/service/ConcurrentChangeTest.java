package io.stratus.profile.service;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * Requests racing a concurrent transaction, interleaved deterministically: the test's own JDBC transaction makes a
 * change and holds its row locks, the request is sent, the test waits until PostgreSQL reports the request's
 * backend blocked by the test's connection, then commits; the request must act on the committed change.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class ConcurrentChangeTest {

    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final String tenant = "race-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DataSource db;

    @Test
    void aDeviceRegisteredWhileTheRuleIsReplacedIsEvaluatedAgainstTheNewRule() throws Exception {
        String group = admin().body(Map.of("name", "old", "membershipRule", "device.name -startsWith \"old-\""))
                .post(base(tenant) + "/groups").then().statusCode(201).extract().path("id");

        try (Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            try {
                execute(other, "update device_group set membership_rule = ? where id = ?",
                        "device.name -startsWith \"new-\"", group);
                CompletableFuture<Void> registration = CompletableFuture.runAsync(() -> registerDevice(tenant,
                        DeviceIdentity.of("r1", "old-1", "SN-r1", "WINDOWS", KeyAlgorithm.EC_P256)));
                awaitBlockedBy(other, registration);
                other.commit();
                registration.join();
            } finally {
                other.rollback();
            }
        }

        List<String> members = admin().get(base(tenant) + "/groups/" + group + "/members").then().statusCode(200)
                .extract().jsonPath().getList("deviceIds", String.class);
        assertFalse(members.contains("r1"), "r1 matches only the replaced rule, yet is a member: " + members);
    }

    @Test
    void aDeviceDeletedWhileAnAssignmentRowIsAddedUnassignsThatRowToo() throws Exception {
        registerDevice(tenant, DeviceIdentity.of("x1", "laptop-1", "SN-x1", "WINDOWS", KeyAlgorithm.EC_P256));
        String laptops = createGroup(tenant, "laptops");
        addMembers(tenant, laptops, "x1");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        createAssignment(tenant, profileId, List.of(laptops), List.of());
        String later = createAssignment(tenant, profileId, List.of(createGroup(tenant, "empty")), List.of())
                .getString("id");

        JsonPath deleted;
        try (Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            try {
                // what a reconciliation writes for a device that just came into scope of the later assignment
                execute(other, "insert into device_assignment (tenant, device_id, assignment_id, profile_id, status,"
                        + " delivered, updated_at) values (?, 'x1', ?, ?, 'PENDING', true, now())", tenant, later,
                        profileId);
                CompletableFuture<JsonPath> deletion = CompletableFuture.supplyAsync(() -> admin()
                        .delete(base(tenant) + "/devices/x1").then().statusCode(200).extract().jsonPath());
                awaitBlockedBy(other, deletion);
                other.commit();
                deleted = deletion.join();
            } finally {
                other.rollback();
            }
        }

        assertEquals(2, deleted.getInt("unassigned"), "both delivered rows must be withdrawn with an event");
        assertEquals(0L, count("select count(*) from device_assignment where tenant = ?", tenant));
    }

    @Test
    void aPatchWaitsForAConcurrentEditAndKeepsIt() throws Exception {
        registerDevice(tenant, DeviceIdentity.of("p1", "before", "SN-p1", "WINDOWS", KeyAlgorithm.EC_P256));

        try (Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            try {
                execute(other, "update device set name = ? where tenant = ? and id = 'p1'", "renamed", tenant);
                CompletableFuture<Void> patch = CompletableFuture.runAsync(() -> admin()
                        .body(Map.of("serialNumber", "SN-new")).patch(base(tenant) + "/devices/p1").then()
                        .statusCode(200));
                awaitBlockedBy(other, patch);
                other.commit();
                patch.join();
            } finally {
                other.rollback();
            }
        }

        JsonPath device = admin().get(base(tenant) + "/devices/p1").then().statusCode(200).extract().jsonPath();
        assertEquals("renamed", device.getString("name"), "the concurrent rename was overwritten");
        assertEquals("SN-new", device.getString("serialNumber"));
    }

    /** Waits until some backend is blocked by {@code holder}'s locks; fails if {@code request} ends first. */
    private static void awaitBlockedBy(Connection holder, CompletableFuture<?> request) throws SQLException {
        long pid = single(holder, "select pg_backend_pid()");
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (single(holder, "select count(*) from pg_stat_activity where cast(? as integer) = any("
                + "pg_blocking_pids(pid))", pid) == 0) {
            if (request.isDone()) {
                request.join();
                throw new AssertionError("the request finished without waiting for the concurrent transaction");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the request did not wait for the concurrent transaction within " + MAX_WAIT);
            }
            pause();
        }
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = db.getConnection()) {
            return single(connection, sql, parameters);
        }
    }

    private static long single(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
