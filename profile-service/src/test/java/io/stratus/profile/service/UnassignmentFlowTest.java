package io.stratus.profile.service;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.addUserMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.deviceBody;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.registerUser;
import static io.stratus.profile.support.Api.removeMember;
import static io.stratus.profile.support.Api.report;
import static io.stratus.profile.support.Api.scepBody;
import static io.stratus.profile.support.Api.userBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.Topics;
import io.stratus.profile.rest.ApiRoles;
import io.stratus.profile.support.AssignmentEvents;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Tokens;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** Every change emits ProfileAssigned / ProfileUnassigned for exactly the devices it affects. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class UnassignmentFlowTest {

    private final String tenant = "un-" + UUID.randomUUID().toString().substring(0, 8);


    @Inject
    DataSource db;

    private TopicReader reader;
    private AssignmentEvents events;

    @BeforeEach
    void open() {
        reader = new TopicReader(Topics.ASSIGNMENTS);
        events = new AssignmentEvents(reader, tenant, db);
    }

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void membershipAssignmentAndProfileChangesReachExactlyTheAffectedDevices() {
        for (String id : List.of("d1", "d2", "d3")) {
            registerDevice(tenant, DeviceIdentity.of(id, id.toUpperCase(), "SN-" + id, "WINDOWS",
                    KeyAlgorithm.EC_P256));
        }
        registerUser(tenant, userBody("ann", "Ann", "Lee"));
        Map<String, Object> annsPhone = deviceBody(DeviceIdentity.of("d4", "D4", "SN-d4", "WINDOWS",
                KeyAlgorithm.EC_P256));
        annsPhone.put("primaryUserId", "ann");
        admin().body(annsPhone).post(base(tenant) + "/devices").then().statusCode(201);
        String laptops = createGroup(tenant, "laptops");
        String excluded = createGroup(tenant, "excluded");
        addMembers(tenant, laptops, "d1", "d2", "d3");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        String assignmentId = createAssignment(tenant, profileId, List.of(laptops), List.of(excluded))
                .getString("id");
        assertEquals(List.of("assigned:d1", "assigned:d2", "assigned:d3"), events.since());

        // a user member brings in its primary device; removing the user withdraws it
        assertEquals(1, addUserMembers(tenant, laptops, "ann").getInt("assigned"));
        assertEquals(List.of("assigned:d4"), events.since());
        assertEquals(1, removeMember(tenant, laptops, "ann").getInt("unassigned"));
        assertEquals(List.of("unassigned:d4"), events.since());

        // removing a device member
        assertEquals(1, removeMember(tenant, laptops, "d1").getInt("unassigned"));
        assertEquals(List.of("unassigned:d1"), events.since());

        // an exclude group: joining it withdraws, leaving it re-assigns
        assertEquals(1, addMembers(tenant, excluded, "d2").getInt("unassigned"));
        assertEquals(List.of("unassigned:d2"), events.since());
        assertEquals(1, removeMember(tenant, excluded, "d2").getInt("assigned"));
        assertEquals(List.of("assigned:d2"), events.since());
        String oldChallenge = events.assigned("d2").challengeHash();

        // editing the profile re-issues it, with new challenges, to its devices only
        Map<String, Object> edited = scepBody(tenant, List.of());
        edited.put("subjectNameFormat", "CN={{DeviceName}},OU=Edited,O=Contoso");
        admin().body(edited).put(base(tenant) + "/profiles/scep/" + profileId).then().statusCode(200)
                .body("subjectNameFormat", org.hamcrest.Matchers.equalTo("CN={{DeviceName}},OU=Edited,O=Contoso"));
        assertEquals(List.of("assigned:d2", "assigned:d3"), events.since());
        assertEquals("CN=D2,OU=Edited,O=Contoso", events.assigned("d2").policy().subject());
        assertNotEquals(oldChallenge, events.assigned("d2").challengeHash());
        assertEquals(2, report(tenant, profileId).getInt("pending"));

        // a profile in use cannot be deleted; its assignment can, which withdraws it from its devices
        problem(admin().delete(base(tenant) + "/profiles/scep/" + profileId).then(), 409, "is still assigned");
        admin().delete(base(tenant) + "/assignments/" + assignmentId).then().statusCode(200)
                .body("unassigned", org.hamcrest.Matchers.equalTo(2));
        assertEquals(List.of("unassigned:d2", "unassigned:d3"), events.since());
        assertEquals(0, report(tenant, profileId).getList("devices").size());
        admin().delete(base(tenant) + "/profiles/scep/" + profileId).then().statusCode(204);
        assertEquals(List.of(), events.since());
        problem(admin().get(base(tenant) + "/profiles/scep/" + profileId).then(), 404, "not found");
    }

    @Test
    void aDeviceThatNeverReceivedTheProfileGetsNoUnassignment() {
        registerDevice(tenant, DeviceIdentity.of("ok", "OK", "SN", "WINDOWS", KeyAlgorithm.EC_P256));
        registerDevice(tenant, DeviceIdentity.of("mac", "MAC", "SN", "MACOS", KeyAlgorithm.EC_P256));
        registerDevice(tenant, DeviceIdentity.of("noserial", "NS", null, "WINDOWS", KeyAlgorithm.EC_P256));
        String group = createGroup(tenant, "g");
        addMembers(tenant, group, "ok", "mac", "noserial");
        Map<String, Object> body = scepBody(tenant, List.of());
        body.put("subjectNameFormat", "CN={{SerialNumber}}");
        String profileId = createScepProfile(tenant, body);
        String assignmentId = createAssignment(tenant, profileId, List.of(group), List.of()).getString("id");
        assertEquals(List.of("assigned:ok"), events.since());
        removeMember(tenant, group, "mac");
        removeMember(tenant, group, "noserial");
        assertEquals(List.of(), events.since());
        admin().delete(base(tenant) + "/assignments/" + assignmentId).then().statusCode(200);
        assertEquals(List.of("unassigned:ok"), events.since());
        assertFalse(events.unassigned("ok").revokeCertificates(), "revocation is off unless the profile asks");
    }

    @Test
    void aProfileThatRevokesOnUnassignmentAsksForItInEveryUnassignment() {
        for (String id : List.of("r1", "r2", "r3")) {
            registerDevice(tenant, DeviceIdentity.of(id, id.toUpperCase(), "SN-" + id, "WINDOWS",
                    KeyAlgorithm.EC_P256));
        }
        String group = createGroup(tenant, "revoking");
        addMembers(tenant, group, "r1", "r2", "r3");
        Map<String, Object> body = scepBody(tenant, List.of());
        body.put("revokeOnUnassignment", true);
        String profileId = createScepProfile(tenant, body);
        admin().get(base(tenant) + "/profiles/scep/" + profileId).then().statusCode(200)
                .body("revokeOnUnassignment", org.hamcrest.Matchers.equalTo(true));
        String assignmentId = createAssignment(tenant, profileId, List.of(group), List.of()).getString("id");
        assertEquals(List.of("assigned:r1", "assigned:r2", "assigned:r3"), events.since());

        removeMember(tenant, group, "r1");
        assertEquals(List.of("unassigned:r1"), events.since());
        assertTrue(events.unassigned("r1").revokeCertificates(), "removed from the group");
        admin().delete(base(tenant) + "/devices/r2").then().statusCode(200);
        assertEquals(List.of("unassigned:r2"), events.since());
        assertTrue(events.unassigned("r2").revokeCertificates(), "device deleted");
        admin().delete(base(tenant) + "/assignments/" + assignmentId).then().statusCode(200);
        assertEquals(List.of("unassigned:r3"), events.since());
        assertTrue(events.unassigned("r3").revokeCertificates(), "assignment deleted");
    }

    @Test
    void badRemovalsAndEditsAreRefusedAndNeedTheRightRole() {
        registerDevice(tenant, DeviceIdentity.of("r1", "R1", "SN", "WINDOWS", KeyAlgorithm.EC_P256));
        String group = createGroup(tenant, "g");
        addMembers(tenant, group, "r1");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        String assignmentId = createAssignment(tenant, profileId, List.of(group), List.of()).getString("id");
        events.since();

        problem(admin().delete(base(tenant) + "/groups/" + group + "/members/ghost").then(), 404,
                "'ghost' is not a member");
        problem(admin().delete(base(tenant) + "/groups/nope/members/r1").then(), 404, "group 'nope' not found");
        problem(admin().delete(base(tenant) + "/assignments/nope").then(), 404, "assignment 'nope' not found");
        Map<String, Object> bad = scepBody(tenant, List.of());
        bad.put("subjectNameFormat", "CN={{Nope}}");
        problem(admin().body(bad).put(base(tenant) + "/profiles/scep/" + profileId).then(), 400,
                "unknown variable {{Nope}}");
        problem(admin().body(scepBody(tenant, List.of())).put(base(tenant) + "/profiles/scep/nope").then(), 404,
                "not found");

        String member = base(tenant) + "/groups/" + group + "/members/r1";
        as(null).delete(member).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).delete(member).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, "other")).delete(member).then().statusCode(403);
        String assignment = base(tenant) + "/assignments/" + assignmentId;
        as(null).delete(assignment).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).delete(assignment).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, "other")).delete(assignment).then().statusCode(403);
        String profile = base(tenant) + "/profiles/scep/" + profileId;
        as(null).body(scepBody(tenant, List.of())).put(profile).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).body(scepBody(tenant, List.of())).put(profile).then()
                .statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, "other")).delete(profile).then().statusCode(403);
        assertEquals(List.of(), events.since(), "nothing refused changed anything");

        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).delete(member).then().statusCode(200);
        assertEquals(List.of("unassigned:r1"), events.since());
    }
}
