package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.createTrustedRoot;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.removeMember;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Tokens;
import io.stratus.testkit.JwtIssuer;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** profile-service audits its administrators' changes in a sealed chain per tenant, published on the audit topic. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class ChangeAuditTest {

    private final String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DataSource db;

    @Test
    void profilesGroupsAndAssignmentsAreAuditedWithWhoChangedThemAndTheTopicConfirmsTheChain() throws Exception {
        DeviceIdentity device = DeviceIdentity.of("audit-dev", "AUDIT-1", "SN-AUDIT-1", "WINDOWS", KeyAlgorithm.EC_P256);
        registerDevice(tenant, device);
        String group = createGroup(tenant, "audited");
        addMembers(tenant, group, device.id());
        String root = createTrustedRoot(tenant);
        String profile = createScepProfile(tenant, scepBody(tenant, List.of(root)));
        String assignment = createAssignment(tenant, profile, List.of(group), List.of()).getString("id");
        String alice = JwtIssuer.forTests().token("alice@contoso.test", Set.of(Roles.PROFILE_MANAGE), Set.of(tenant),
                Duration.ofMinutes(5));
        as(alice).delete(base(tenant) + "/assignments/" + assignment).then().statusCode(200);
        removeMember(tenant, group, device.id());

        List<Map<String, Object>> records = audit(tenant).getList("items");
        assertEquals(List.of("GROUP_CREATED", "GROUP_MEMBERS_ADDED", "TRUSTED_PROFILE_CREATED", "SCEP_PROFILE_CREATED",
                "ASSIGNMENT_CREATED", "ASSIGNMENT_DELETED", "GROUP_MEMBER_REMOVED"),
                records.stream().map(r -> r.get("action")).toList());
        assertEquals(List.of("group:" + group, "group:" + group, "trusted-profile:" + root, "scep-profile:" + profile,
                "assignment:" + assignment, "assignment:" + assignment, "group:" + group + "/member:" + device.id()),
                records.stream().map(r -> r.get("target")).toList());
        assertEquals(List.of("admin", "admin", "admin", "admin", "admin", "alice@contoso.test", "admin"),
                records.stream().map(r -> r.get("actor")).toList(), "the token's subject, not 'system'");
        assertEquals("SUCCESS (1 new members)", records.get(1).get("outcome"));
        assertEquals("SUCCESS (profile " + profile + ")", records.get(4).get("outcome"));

        JsonPath verified = awaitConfirmed(tenant);
        assertTrue(verified.getBoolean("valid"));
        assertEquals(7, verified.getLong("records"));
        assertEquals(7, verified.getLong("checkpoint.sequence"));
    }

    @Test
    void aRefusedChangeLeavesNoRecord() {
        String group = createGroup(tenant, "only");
        admin().delete(base(tenant) + "/groups/no-such-group").then().statusCode(404);
        admin().body(Map.of("profileId", "no-such-profile", "includeGroupIds", List.of(group), "excludeGroupIds",
                List.of())).post(base(tenant) + "/assignments").then().statusCode(400);
        admin().body(Map.of("name", "")).put(base(tenant) + "/groups/" + group).then().statusCode(400);
        assertEquals(List.of("GROUP_CREATED"), audit(tenant).getList("items.action"));
        JsonPath verified = verify(tenant);
        assertTrue(verified.getBoolean("valid"));
        assertEquals(1, verified.getLong("records"));
    }

    @Test
    void theApplicationCannotChangeTheLogAndAChangeMadeAroundItIsFound() throws Exception {
        createGroup(tenant, "first");
        createGroup(tenant, "second");
        try (Connection app = db.getConnection(); Statement statement = app.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "update audit_record set actor = 'someone' where tenant = '" + tenant + "'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "delete from audit_record where tenant = '" + tenant + "'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("truncate audit_record"));
            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "delete from audit_head where tenant = '" + tenant + "'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "update audit_head set last_sequence = 1 where tenant = '" + tenant + "'"),
                    "a head does not move back");
        }
        assertTrue(verify(tenant).getBoolean("valid"));

        // someone with every right turns the triggers off for a session and rewrites the first record's actor
        try (Connection superuser = superuser(); Statement session = superuser.createStatement();
                PreparedStatement change = superuser.prepareStatement(
                        "update audit_record set actor = 'someone-else' where tenant = ? and sequence = 1")) {
            session.execute("set session_replication_role = replica");
            change.setString(1, tenant);
            assertEquals(1, change.executeUpdate());
        }
        JsonPath verified = verify(tenant);
        assertFalse(verified.getBoolean("valid"));
        assertEquals(1, verified.getLong("firstBadSequence"));
        assertEquals("changed", verified.getString("problem"));
    }

    @Test
    void theLogNeedsAuditReadForTheTenant() {
        as(Tokens.of(Roles.PROFILE_READ, tenant)).get(base(tenant) + "/audit").then().statusCode(403);
        as(Tokens.of(Roles.AUDIT_READ, "another-tenant")).get(base(tenant) + "/audit").then().statusCode(403);
        as(null).post(base(tenant) + "/audit/verify").then().statusCode(401);
        as(Tokens.of(Roles.AUDIT_READ, tenant)).get(base(tenant) + "/audit").then().statusCode(200);
        as(Tokens.of(Roles.AUDIT_READ, tenant)).get(base(tenant) + "/audit?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static JsonPath audit(String tenant) {
        return admin().get(base(tenant) + "/audit?limit=1000").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath verify(String tenant) {
        return admin().post(base(tenant) + "/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    /** Verifies until the audit topic confirms the chain's end (the outbox relay publishes within seconds). */
    private static JsonPath awaitConfirmed(String tenant) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonPath verified = verify(tenant);
        while (!"matched".equals(verified.getString("checkpoint.status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            verified = verify(tenant);
        }
        assertEquals("matched", verified.getString("checkpoint.status"), verified.prettify());
        return verified;
    }

    private static Connection superuser() throws SQLException {
        var config = ConfigProvider.getConfig();
        return java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue(StratusTestResource.SUPERUSER + "username", String.class),
                config.getValue(StratusTestResource.SUPERUSER + "password", String.class));
    }
}
