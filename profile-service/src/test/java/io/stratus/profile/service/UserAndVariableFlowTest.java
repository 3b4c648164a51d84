package io.stratus.profile.service;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.addUserMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.deviceBody;
import static io.stratus.profile.support.Api.registerUser;
import static io.stratus.profile.support.Api.report;
import static io.stratus.profile.support.Api.scepBody;
import static io.stratus.profile.support.Api.userBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.stratus.events.IssuancePolicy;
import io.stratus.events.SubjectAltName;
import io.stratus.events.Topics;
import io.stratus.profile.support.AssignmentEvents;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** Every Intune variable, and USER certificates resolved from the device's primary user. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class UserAndVariableFlowTest {

    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";

    private final String tenant = "var-" + UUID.randomUUID().toString().substring(0, 8);


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
    void aDeviceProfileResolvesEveryDeviceAndUserVariable() {
        registerUser(tenant, userBody("alice", "Alice", "Smith"));
        device("pc-1", "PC-1", "alice", "356938035643809", "00:1A:2B:3C:4D:5E");
        device("pc-2.branch.contoso.test", "pc-2.branch.contoso.test", null, "356938035643810", null);
        String group = createGroup(tenant, "pcs");
        addMembers(tenant, group, "pc-1", "pc-2.branch.contoso.test");
        Map<String, Object> body = scepBody(tenant, List.of());
        body.put("subjectNameFormat", "CN={{FullyQualifiedDomainName}},OU={{SerialNumber}},"
                + "OU={{IMEI}},O=Contoso");
        body.put("subjectAlternativeNames", List.of(
                Map.of("type", "DNS", "value", "{{FullyQualifiedDomainName}}"),
                Map.of("type", "URI", "value", "urn:device:{{AAD_Device_ID}}:{{DeviceId}}:{{DeviceName}}"),
                Map.of("type", "URI", "value", "urn:mac:{{WiFiMacAddress}}"),
                Map.of("type", "UPN", "value", "{{UserPrincipalName}}")));
        String profileId = createScepProfile(tenant, body);
        JsonPath created = createAssignment(tenant, profileId, List.of(group), List.of());
        assertEquals(1, created.getInt("assigned"));
        assertEquals(1, created.getInt("failed"));

        assertEquals(List.of("assigned:pc-1"), events.since());
        IssuancePolicy policy = events.assigned("pc-1").policy();
        assertEquals("CN=PC-1.corp.contoso.test,OU=SN-pc-1,OU=356938035643809,O=Contoso", policy.subject());
        assertEquals(List.of(new SubjectAltName(SubjectAltName.Type.DNS, "PC-1.corp.contoso.test"),
                new SubjectAltName(SubjectAltName.Type.URI, "urn:device:pc-1:pc-1:PC-1"),
                new SubjectAltName(SubjectAltName.Type.URI, "urn:mac:00:1A:2B:3C:4D:5E"),
                new SubjectAltName(SubjectAltName.Type.UPN, "alice@contoso.test")), policy.subjectAltNames());
        assertEquals("device has no WiFiMacAddress, needed by the URI subject alternative name",
                report(tenant, profileId).getString("devices.find { it.deviceId == 'pc-2.branch.contoso.test' }"
                        + ".reason"));
    }

    @Test
    void aUserProfileWithSmimeReachesTheUsersDevicesWithTheUsersNames() {
        registerUser(tenant, userBody("bob", "Bob", "Stone"));
        Map<String, Object> noSam = userBody("eve", "Eve", "Long");
        noSam.remove("onPremSamAccountName");
        registerUser(tenant, noSam);
        device("bob-phone", "BOB-PHONE", "bob", null, null);
        device("bob-laptop", "BOB-LAPTOP", "bob", null, null);
        device("eve-phone", "EVE-PHONE", "eve", null, null);
        device("kiosk", "KIOSK", null, null, null);
        String staff = createGroup(tenant, "staff");
        addUserMembers(tenant, staff, "bob", "eve");
        addMembers(tenant, staff, "kiosk");

        Map<String, Object> body = scepBody(tenant, List.of());
        body.put("name", "S/MIME");
        body.put("certificateType", "USER");
        body.put("subjectNameFormat", "CN={{GivenName}} {{SurName}},OU={{UserName}},"
                + "OU={{OnPremisesSamAccountName}},O=Contoso");
        body.put("subjectAlternativeNames", List.of(Map.of("type", "EMAIL", "value", "{{EmailAddress}}"),
                Map.of("type", "UPN", "value", "{{UserPrincipalName}}"),
                Map.of("type", "URI", "value", "urn:user:{{UserName}}")));
        body.put("extendedKeyUsages", List.of(EMAIL_PROTECTION));
        String profileId = createScepProfile(tenant, body);
        JsonPath created = createAssignment(tenant, profileId, List.of(staff), List.of());
        assertEquals(4, created.getInt("devices"));
        assertEquals(2, created.getInt("assigned"));
        assertEquals(2, created.getInt("failed"));

        assertEquals(List.of("assigned:bob-laptop", "assigned:bob-phone"), events.since());
        IssuancePolicy policy = events.assigned("bob-phone").policy();
        assertEquals("CN=Bob Stone,OU=bob,OU=BOB,O=Contoso", policy.subject());
        assertEquals(List.of(new SubjectAltName(SubjectAltName.Type.EMAIL, "bob.stone@mail.contoso.test"),
                new SubjectAltName(SubjectAltName.Type.UPN, "bob@contoso.test"),
                new SubjectAltName(SubjectAltName.Type.URI, "urn:user:bob")),
                policy.subjectAltNames());
        assertEquals(List.of(EMAIL_PROTECTION), policy.extendedKeyUsages());
        JsonPath report = report(tenant, profileId);
        assertEquals("device has no primary user, needed by a USER certificate profile",
                report.getString("devices.find { it.deviceId == 'kiosk' }.reason"));
        assertEquals("user eve@contoso.test has no OnPremisesSamAccountName, needed by the subject name format",
                report.getString("devices.find { it.deviceId == 'eve-phone' }.reason"));
    }

    private void device(String id, String name, String primaryUser, String imei, String mac) {
        Map<String, Object> body = deviceBody(DeviceIdentity.of(id, name, "SN-" + id, "WINDOWS",
                KeyAlgorithm.EC_P256));
        body.put("primaryUserId", primaryUser);
        body.put("imei", imei);
        body.put("wifiMacAddress", mac);
        admin().body(body).post(base(tenant) + "/devices").then().statusCode(201);
    }
}
