package io.stratus.profile.service;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.deviceBody;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.registerUser;
import static io.stratus.profile.support.Api.report;
import static io.stratus.profile.support.Api.scepBody;
import static io.stratus.profile.support.Api.userBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
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
import io.restassured.path.json.JsonPath;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.Topics;
import io.stratus.profile.support.AssignmentEvents;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * Dynamic groups and inventory changes: every change emits ProfileAssigned / ProfileUnassigned for exactly the
 * devices it affects, read back from stratus.assignments.v1.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class DynamicGroupFlowTest {

    private static final String KIOSKS = "device.platform -eq \"WINDOWS\" -and device.name -startsWith \"kiosk-\"";

    private final String tenant = "dyn-" + UUID.randomUUID().toString().substring(0, 8);


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

    private void device(String id, String name, String platform) {
        registerDevice(tenant, DeviceIdentity.of(id, name, "SN-" + id, platform, KeyAlgorithm.EC_P256));
    }

    private JsonPath patchDevice(String id, Map<String, Object> changes) {
        return admin().body(changes).patch(base(tenant) + "/devices/" + id).then().statusCode(200).extract()
                .jsonPath();
    }

    private JsonPath members(String groupId) {
        return admin().get(base(tenant) + "/groups/" + groupId + "/members").then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void deviceRuleFollowsRegistrationEditsRuleChangesAndDeletion() {
        device("d1", "kiosk-1", "WINDOWS");
        device("d2", "office-2", "WINDOWS");
        device("d3", "kiosk-3", "MACOS");
        String kiosks = admin().body(Map.of("name", "kiosks", "membershipRule", KIOSKS))
                .post(base(tenant) + "/groups").then().statusCode(201)
                .body("membershipType", org.hamcrest.Matchers.equalTo("DYNAMIC"))
                .body("deviceIds", org.hamcrest.Matchers.equalTo(List.of("d1")))
                .extract().path("id");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        String assignmentId = createAssignment(tenant, profileId, List.of(kiosks), List.of()).getString("id");
        assertEquals(List.of("assigned:d1"), events.since());

        // registration: a matching device joins and is assigned; a non-matching one gets nothing
        device("d4", "kiosk-4", "WINDOWS");
        device("d5", "laptop-5", "WINDOWS");
        assertEquals(List.of("assigned:d4"), events.since());

        // edits that move a device into or out of the rule
        patchDevice("d2", Map.of("name", "kiosk-2"));
        assertEquals(List.of("assigned:d2"), events.since());
        assertEquals("CN=kiosk-2,O=Contoso", events.assigned("d2").policy().subject());
        String before = events.assigned("d2").challengeHash();
        patchDevice("d1", Map.of("name", "office-1"));
        assertEquals(List.of("unassigned:d1"), events.since());

        // an edit of an attribute no profile uses changes nothing; one the subject uses re-issues, new challenge
        patchDevice("d4", Map.of("serialNumber", "SN-NEW-4", "imei", "356938035643809"));
        assertEquals(List.of(), events.since());
        patchDevice("d2", Map.of("name", "kiosk-two"));
        assertEquals(List.of("assigned:d2"), events.since());
        assertEquals("CN=kiosk-two,O=Contoso", events.assigned("d2").policy().subject());
        assertNotEquals(before, events.assigned("d2").challengeHash());

        // static membership changes are refused on a dynamic group
        problem(admin().body(Map.of("deviceIds", List.of("d5"))).post(base(tenant) + "/groups/" + kiosks
                + "/members").then(), 409, "is dynamic");
        problem(admin().delete(base(tenant) + "/groups/" + kiosks + "/members/d2").then(), 409, "is dynamic");

        // a new rule: exactly the devices that join or leave get an event
        JsonPath changed = admin().body(Map.of("name", "windows-office",
                "membershipRule", "device.name -contains \"office\" -or device.name -eq \"kiosk-two\""))
                .put(base(tenant) + "/groups/" + kiosks).then().statusCode(200).extract().jsonPath();
        assertEquals(1, changed.getInt("added"));
        assertEquals(1, changed.getInt("removed"));
        assertEquals(List.of("assigned:d1", "unassigned:d4"), events.since());
        assertEquals(List.of("d1", "d2"), members(kiosks).getList("effectiveDeviceIds"));

        // deleting a device withdraws what it received; its report rows and memberships go with it
        assertEquals(1, admin().delete(base(tenant) + "/devices/d1").then().statusCode(200).extract().jsonPath()
                .getInt("unassigned"));
        assertEquals(List.of("unassigned:d1"), events.since());
        admin().get(base(tenant) + "/devices/d1").then().statusCode(404);
        assertEquals(List.of("d2"), members(kiosks).getList("deviceIds"));
        assertEquals(List.of("d2"), report(tenant, profileId).getList("devices.deviceId"));

        // a group in use cannot be deleted; without its assignment it can
        problem(admin().delete(base(tenant) + "/groups/" + kiosks).then(), 409, assignmentId);
        admin().delete(base(tenant) + "/assignments/" + assignmentId).then().statusCode(200);
        assertEquals(List.of("unassigned:d2"), events.since());
        admin().delete(base(tenant) + "/groups/" + kiosks).then().statusCode(204);
        admin().get(base(tenant) + "/groups/" + kiosks).then().statusCode(404);
    }

    @Test
    void removingTheRuleKeepsTheMembersAndMakesTheGroupStatic() {
        device("s1", "kiosk-1", "WINDOWS");
        String group = admin().body(Map.of("name", "k", "membershipRule", KIOSKS)).post(base(tenant) + "/groups")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "k-static")).put(base(tenant) + "/groups/" + group).then().statusCode(200)
                .body("group.membershipType", org.hamcrest.Matchers.equalTo("STATIC"))
                .body("group.deviceIds", org.hamcrest.Matchers.equalTo(List.of("s1")));
        device("s2", "kiosk-2", "WINDOWS");
        assertEquals(List.of("s1"), members(group).getList("deviceIds"));
        addMembers(tenant, group, "s2");
        assertEquals(List.of("s1", "s2"), members(group).getList("deviceIds"));
    }

    @Test
    void importedDevicesJoinDynamicGroupsInTheSameBatch() {
        device("i0", "kiosk-0", "WINDOWS");
        String group = admin().body(Map.of("name", "kiosks", "membershipRule", KIOSKS))
                .post(base(tenant) + "/groups").then().statusCode(201).extract().path("id");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        createAssignment(tenant, profileId, List.of(group), List.of());
        assertEquals(List.of("assigned:i0"), events.since());

        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(deviceBody(DeviceIdentity.of("i1", "kiosk-1", "SN-i1", "WINDOWS", KeyAlgorithm.EC_P256)));
        rows.add(deviceBody(DeviceIdentity.of("i2", "office-2", "SN-i2", "WINDOWS", KeyAlgorithm.EC_P256)));
        rows.add(deviceBody(DeviceIdentity.of("i3", "kiosk-3", "SN-i3", "MACOS", KeyAlgorithm.EC_P256)));
        rows.add(Map.of("id", "i4", "name", "kiosk-4", "platform", "WINDOWS")); // no key yet: FAILED, no event
        rows.add(deviceBody(DeviceIdentity.of("i0", "kiosk-0", "SN-i0", "WINDOWS", KeyAlgorithm.EC_P256)));
        JsonPath result = admin().body(rows).post(base(tenant) + "/devices:import").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(4, result.getInt("imported"));
        assertEquals(1, result.getList("rejected").size());
        assertEquals(List.of("assigned:i1"), events.since());
        assertEquals(List.of("i0", "i1", "i4"), members(group).getList("deviceIds"));
        JsonPath report = report(tenant, profileId);
        assertEquals("FAILED", report.getString("devices.find { it.deviceId == 'i4' }.status"));
    }

    @Test
    void userRulesFollowUserEditsAndDeletionFailsTheirUserProfiles() {
        registerUser(tenant, userBody("ann", "Ann", "Lee"));
        registerUser(tenant, userBody("bob", "Bob", "Stone"));
        for (String[] d : new String[][] { { "ann-pc", "ann" }, { "bob-pc", "bob" } }) {
            Map<String, Object> body = deviceBody(DeviceIdentity.of(d[0], d[0].toUpperCase(), "SN-" + d[0],
                    "WINDOWS", KeyAlgorithm.EC_P256));
            body.put("primaryUserId", d[1]);
            admin().body(body).post(base(tenant) + "/devices").then().statusCode(201);
        }
        String lees = admin().body(Map.of("name", "lees", "membershipRule", "user.surname -eq \"lee\""))
                .post(base(tenant) + "/groups").then().statusCode(201)
                .body("userIds", org.hamcrest.Matchers.equalTo(List.of("ann"))).extract().path("id");
        Map<String, Object> smime = scepBody(tenant, List.of());
        smime.put("certificateType", "USER");
        smime.put("subjectNameFormat", "CN={{GivenName}} {{SurName}},O=Contoso");
        smime.put("subjectAlternativeNames", List.of(Map.of("type", "UPN", "value", "{{UserPrincipalName}}")));
        String profileId = createScepProfile(tenant, smime);
        createAssignment(tenant, profileId, List.of(lees), List.of());
        assertEquals(List.of("assigned:ann-pc"), events.since());

        // bob becomes a Lee: his device joins; Ann's given name changes: her device is re-issued
        admin().body(Map.of("surname", "Lee")).patch(base(tenant) + "/users/bob").then().statusCode(200)
                .body("surname", org.hamcrest.Matchers.equalTo("Lee"));
        assertEquals(List.of("assigned:bob-pc"), events.since());
        admin().body(Map.of("givenName", "Anna")).patch(base(tenant) + "/users/ann").then().statusCode(200);
        assertEquals(List.of("assigned:ann-pc"), events.since());
        assertEquals("CN=Anna Lee,O=Contoso", events.assigned("ann-pc").policy().subject());

        // a user registered later that matches brings nothing (no device yet); deleting bob withdraws his device
        registerUser(tenant, userBody("cid", "Cid", "Lee"));
        assertEquals(List.of(), events.since());
        assertEquals(List.of("ann", "bob", "cid"), members(lees).getList("userIds"));
        JsonPath deleted = admin().delete(base(tenant) + "/users/bob").then().statusCode(200).extract().jsonPath();
        assertEquals(1, deleted.getInt("unassigned"));
        assertEquals(List.of("unassigned:bob-pc"), events.since());
        admin().get(base(tenant) + "/devices/bob-pc").then().statusCode(200)
                .body("primaryUserId", org.hamcrest.Matchers.nullValue());
        admin().get(base(tenant) + "/users/bob").then().statusCode(404);
    }

    @Test
    void deletingAUserFailsTheUserProfilesOfItsDevicesInAStaticGroup() {
        registerUser(tenant, userBody("dan", "Dan", "Moe"));
        Map<String, Object> body = deviceBody(DeviceIdentity.of("dan-pc", "DAN-PC", "SN-dan", "WINDOWS",
                KeyAlgorithm.EC_P256));
        body.put("primaryUserId", "dan");
        admin().body(body).post(base(tenant) + "/devices").then().statusCode(201);
        String staff = createGroup(tenant, "staff");
        addMembers(tenant, staff, "dan-pc");
        Map<String, Object> smime = scepBody(tenant, List.of());
        smime.put("certificateType", "USER");
        smime.put("subjectNameFormat", "CN={{GivenName}} {{SurName}},O=Contoso");
        smime.put("subjectAlternativeNames", List.of());
        String userProfile = createScepProfile(tenant, smime);
        String deviceProfile = createScepProfile(tenant, scepBody(tenant, List.of()));
        createAssignment(tenant, userProfile, List.of(staff), List.of());
        createAssignment(tenant, deviceProfile, List.of(staff), List.of());
        assertEquals(List.of("assigned:dan-pc", "assigned:dan-pc"), events.since());

        admin().delete(base(tenant) + "/users/dan").then().statusCode(200);
        // the USER certificate profile is withdrawn and fails; the device certificate profile is untouched
        assertEquals(List.of("unassigned:dan-pc"), events.since());
        JsonPath deviceReport = admin().get(base(tenant) + "/devices/dan-pc/report").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, deviceReport.getInt("failed"));
        assertEquals(1, deviceReport.getInt("pending"));
        assertEquals("device has no primary user, needed by a USER certificate profile",
                deviceReport.getString("profiles.find { it.profileId == '" + userProfile + "' }.reason"));
    }

    @Test
    void aTrustedProfileUpdateReissuesToTheDevicesOfTheScepProfilesUsingIt() {
        for (String id : List.of("t1", "t2", "t3")) {
            device(id, id.toUpperCase(), "WINDOWS");
        }
        String trusted = io.stratus.profile.support.Api.createTrustedRoot(tenant);
        String withTrust = createGroup(tenant, "with-trust");
        String without = createGroup(tenant, "without");
        addMembers(tenant, withTrust, "t1", "t2");
        addMembers(tenant, without, "t3");
        createAssignment(tenant, createScepProfile(tenant, scepBody(tenant, List.of(trusted))), List.of(withTrust),
                List.of());
        createAssignment(tenant, createScepProfile(tenant, scepBody(tenant, List.of())), List.of(without),
                List.of());
        assertEquals(List.of("assigned:t1", "assigned:t2", "assigned:t3"), events.since());

        Map<String, Object> moved = io.stratus.profile.support.Api.trustedBody(
                io.stratus.profile.support.TestCertificates.get().rootPem(), "COMPUTER_ROOT");
        moved.put("authorityId", "root-ca-2");
        admin().body(moved).put(base(tenant) + "/profiles/trusted/" + trusted).then().statusCode(200);
        assertEquals(List.of("assigned:t1", "assigned:t2"), events.since());
        assertEquals("root-ca-2", events.assigned("t1").trustedCertificates().get(0).authorityId());
    }

    @Test
    void aDeviceFollowsItsPrimaryUserIntoAndOutOfUserGroups() {
        registerUser(tenant, userBody("ivy", "Ivy", "Ng"));
        registerUser(tenant, userBody("max", "Max", "Ng"));
        String staff = createGroup(tenant, "staff");
        io.stratus.profile.support.Api.addUserMembers(tenant, staff, "ivy");
        createAssignment(tenant, createScepProfile(tenant, scepBody(tenant, List.of())), List.of(staff), List.of());
        assertEquals(List.of(), events.since());

        Map<String, Object> body = deviceBody(DeviceIdentity.of("ivy-pc", "IVY-PC", "SN-ivy", "WINDOWS",
                KeyAlgorithm.EC_P256));
        body.put("primaryUserId", "ivy");
        admin().body(body).post(base(tenant) + "/devices").then().statusCode(201);
        assertEquals(List.of("assigned:ivy-pc"), events.since());
        patchDevice("ivy-pc", Map.of("primaryUserId", "max"));
        assertEquals(List.of("unassigned:ivy-pc"), events.since());
        Map<String, Object> back = new java.util.HashMap<>();
        back.put("primaryUserId", "ivy");
        patchDevice("ivy-pc", back);
        assertEquals(List.of("assigned:ivy-pc"), events.since());
        back.put("primaryUserId", null);
        patchDevice("ivy-pc", back);
        assertEquals(List.of("unassigned:ivy-pc"), events.since());
    }
}
