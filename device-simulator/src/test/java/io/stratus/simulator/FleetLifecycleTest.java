package io.stratus.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Serials;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.KeySpec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.events.Topics;
import io.stratus.simulator.config.InstanceIdentity;
import io.stratus.simulator.fixtures.Await;
import io.stratus.simulator.fixtures.ProfileServiceStandInResource;
import io.stratus.simulator.fixtures.ScepServerFixture;
import io.stratus.simulator.fixtures.SimulatorFixtures;
import io.stratus.simulator.fixtures.StandInRecords;
import io.stratus.simulator.fixtures.StandInRecords.RegisteredDevice;
import io.stratus.simulator.fixtures.StandInRecords.RegisteredUser;
import io.stratus.simulator.service.ProgressReporter;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * A device's life after its first certificate, on the real broker and over real SCEP: unassignment,
 * re-assignment with a new challenge, RenewalReq, revocation; plus mixed platforms with primary users,
 * the state files, the per-instance consumer group and the progress counters.
 */
@QuarkusTest
@WithTestResource(StratusTestResource.class)
@WithTestResource(ProfileServiceStandInResource.class)
class FleetLifecycleTest {

    private static final String TENANT = "fabrikam";

    @Inject
    InstanceIdentity instance;

    @Inject
    ProgressReporter progress;

    @Inject
    io.stratus.simulator.service.FleetLifecycle lifecycle;

    @Test
    void mixedPlatformsWithPrimaryUsersAreRegistered() {
        List<String> ids = given().contentType(ContentType.JSON)
                .body(Map.of("tenant", TENANT, "groupId", "mixed", "count", 4, "namePrefix", "mix",
                        "platforms", Map.of("WINDOWS", 50, "MACOS", 25, "IOS", 25), "withUsers", true,
                        "userDomain", "fabrikam.example"))
                .when().post("/api/v1/fleet/devices")
                .then().statusCode(202).extract().jsonPath().getList("deviceIds", String.class);
        assertEquals(4, ids.size());
        List<RegisteredDevice> devices = ids.stream().map(id -> FleetEnrollmentTest.awaitMember(id, "mixed")).toList();
        assertEquals(2, devices.stream().filter(d -> d.platform().equals("WINDOWS")).count());
        assertEquals(1, devices.stream().filter(d -> d.platform().equals("MACOS")).count());
        assertEquals(1, devices.stream().filter(d -> d.platform().equals("IOS")).count());
        List<RegisteredUser> users = StandInRecords.users();
        for (RegisteredDevice device : devices) {
            assertEquals(device.name(), device.primaryUserId(), "the device's primary user is set");
            RegisteredUser user = users.stream().filter(u -> u.id().equals(device.primaryUserId())).findFirst()
                    .orElseThrow(() -> new AssertionError("no user registered for " + device.name()));
            assertEquals(device.name() + "@fabrikam.example", user.userPrincipalName());
            assertEquals(user.userPrincipalName(), user.email());
            assertNotNull(user.givenName());
            assertNotNull(user.surname());
            assertEquals(user.userPrincipalName(), FleetApi.device(device.id()).get("primaryUser"));
        }
    }

    @Test
    void platformsAndPlatformAreNotBothAccepted() {
        given().contentType(ContentType.JSON)
                .body(Map.of("tenant", TENANT, "groupId", "g", "count", 2, "platform", "IOS",
                        "platforms", Map.of("WINDOWS", 1)))
                .when().post("/api/v1/fleet/devices")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("tenant", TENANT, "groupId", "g", "count", 2, "platforms", Map.of("PALM", 1)))
                .when().post("/api/v1/fleet/devices")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unassignRemovesTheCertificateAndANewChallengeEnrollsAgain() throws Exception {
        RegisteredDevice device = enrolledDevice("unassign");
        String id = device.id();
        Map<String, Object> assignment = onlyAssignment(id);
        String assignmentId = (String) assignment.get("assignmentId");
        assertEquals(2, ((List<?>) assignment.get("trustedCertificates")).size());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), assignment.get("extendedKeyUsages"));
        assertTrue(((List<?>) assignment.get("subjectAlternativeNames")).contains("DNS:" + device.name() + ".contoso.test"));
        assertNotNull(assignment.get("notAfter"));

        SimulatorFixtures.publisher().publishTo(Topics.ASSIGNMENTS,
                new ProfileUnassignedEvent(TENANT, id, assignmentId, "profile-1"));
        Await.untilTrue("the assignment to be removed", () -> "UNASSIGNED".equals(onlyAssignment(id).get("state")));
        Map<String, Object> removed = onlyAssignment(id);
        assertEquals(List.of(), removed.get("trustedCertificates"));
        assertEquals(null, removed.get("serialNumber"));
        assertEquals("WAITING", FleetApi.device(id).get("state"));
        given().when().get("/api/v1/fleet/devices/{id}/certificate", id).then().statusCode(404);
        assertTrue(Files.readString(stateFile(id)).contains("\"UNASSIGNED\""), "the removal is saved");

        // assigned again (same assignment, a new challenge): enrolls and holds a new certificate
        ProfileAssignedEvent again = FleetEnrollmentTest.assignment(device, "success", KeySpec.ec(256));
        again = new ProfileAssignedEvent(again.tenant(), again.deviceId(), assignmentId, again.profileId(),
                again.authorityId(), again.scepUrl(), again.trustedCertificates(), again.policy(),
                again.renewalThresholdPercent(), again.sealedChallenge(), again.challengeHash(),
                again.challengeExpiresAt());
        SimulatorFixtures.publisher().publish(again);
        Await.untilTrue("the re-enrollment", () -> "ENROLLED".equals(onlyAssignment(id).get("state")));
        X509Certificate reissued = FleetEnrollmentTest.downloadCertificate(id);
        assertNotEquals(assignment.get("serialNumber"), Serials.hex(reissued.getSerialNumber()));
        assertEquals(Serials.hex(reissued.getSerialNumber()), onlyAssignment(id).get("serialNumber"));
        FleetEnrollmentTest.verifyWithOpenSsl(reissued);
    }

    @Test
    void renewalSendsARenewalReqWithANewKeySignedByTheCurrentCertificate() throws Exception {
        RegisteredDevice device = enrolledDevice("renew");
        X509Certificate before = FleetEnrollmentTest.downloadCertificate(device.id());
        ScepServerFixture scep = SimulatorFixtures.scep();

        List<String> renewing = given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/fleet/devices/{id}/renew", device.id())
                .then().statusCode(202).extract().jsonPath().getList("renewing", String.class);
        assertEquals(List.of(onlyAssignment(device.id()).get("assignmentId")), renewing);
        Await.untilTrue("the renewal", () -> ((Number) onlyAssignment(device.id()).get("renewals")).intValue() == 1);

        Map<String, Object> renewed = onlyAssignment(device.id());
        assertEquals("ENROLLED", renewed.get("state"), String.valueOf(renewed.get("error")));
        X509Certificate after = FleetEnrollmentTest.downloadCertificate(device.id());
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
        assertNotEquals(before.getPublicKey(), after.getPublicKey(), "a new key");
        assertEquals(KeyAlgorithm.of(before.getPublicKey()), KeyAlgorithm.of(after.getPublicKey()));
        assertEquals(before.getSubjectX500Principal(), after.getSubjectX500Principal());
        assertTrue(scep.renewedSigners().contains(before.getSerialNumber()), "signed with the current certificate");
        assertEquals(1, scep.renewalRequests().get(ScepClientMessages.transactionId(after.getPublicKey())).get());
        FleetEnrollmentTest.verifyWithOpenSsl(after);
    }

    @Test
    void thePeriodicCheckRenewsCertificatesPastTheirThreshold() throws Exception {
        String id = FleetApi.createFleet(TENANT, "threshold", 1, "WINDOWS", "threshold").get(0);
        RegisteredDevice device = FleetEnrollmentTest.awaitMember(id, "threshold");
        ProfileAssignedEvent assigned = FleetEnrollmentTest.assignment(device, "success", KeySpec.ec(256));
        // 100 %: due as soon as it is issued
        SimulatorFixtures.publisher().publish(new ProfileAssignedEvent(assigned.tenant(), assigned.deviceId(),
                assigned.assignmentId(), assigned.profileId(), assigned.authorityId(), assigned.scepUrl(),
                assigned.trustedCertificates(), assigned.policy(), 100, assigned.sealedChallenge(),
                assigned.challengeHash(), assigned.challengeExpiresAt()));
        assertEquals("ENROLLED", FleetApi.awaitSettled(id).get("state"));
        X509Certificate before = FleetEnrollmentTest.downloadCertificate(id);
        RegisteredDevice notDue = enrolledDevice("not-due"); // threshold 20 %: not due

        assertTrue(lifecycle.renewDue() >= 1);
        Await.untilTrue("the threshold renewal", () -> ((Number) onlyAssignment(id).get("renewals")).intValue() >= 1);
        assertTrue(SimulatorFixtures.scep().renewedSigners().contains(before.getSerialNumber()));
        assertEquals(100, onlyAssignment(id).get("renewalThresholdPercent"));
        assertEquals(0, ((Number) onlyAssignment(notDue.id()).get("renewals")).intValue(), "a fresh 20 % certificate");
        assertEquals("ENROLLED", onlyAssignment(notDue.id()).get("state"));
    }

    @Test
    void renewingADeviceWithoutACertificateIs409AndAnUnknownDevice404() {
        String waiting = FleetApi.createFleet(TENANT, "nobody-assigns", 1, "WINDOWS", "idle").get(0);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/fleet/devices/{id}/renew", waiting)
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/fleet/devices/{id}/renew", "nope")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRevokedCertificateIsNoLongerUsed() throws Exception {
        RegisteredDevice device = enrolledDevice("revoke");
        X509Certificate certificate = FleetEnrollmentTest.downloadCertificate(device.id());
        SimulatorFixtures.scep().revoke(certificate.getSerialNumber());
        SimulatorFixtures.publisher().publishTo(Topics.CERTIFICATES, new CertificateRevokedEvent(TENANT, "issuing-ca",
                Serials.hex(certificate.getSerialNumber()), device.id(), "keyCompromise", Instant.now()));

        Await.untilTrue("the certificate to be revoked", () -> "REVOKED".equals(FleetApi.device(device.id()).get("state")));
        assertEquals("REVOKED", onlyAssignment(device.id()).get("state"));
        assertTrue(String.valueOf(FleetApi.device(device.id()).get("error")).contains("keyCompromise"));
        given().when().get("/api/v1/fleet/devices/{id}/certificate", device.id()).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/fleet/devices/{id}/renew", device.id())
                .then().statusCode(409);
        assertTrue(Files.readString(stateFile(device.id())).contains("\"REVOKED\""));
        given().when().get("/api/v1/fleet/status?tenant=" + TENANT).then().statusCode(200)
                .body("revoked", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void stateFilesAreOwnerOnlyAndTheConsumerGroupIsThisInstances() throws Exception {
        RegisteredDevice device = enrolledDevice("files");
        Path file = stateFile(device.id());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String saved = Files.readString(file);
        assertTrue(saved.contains("\"ENROLLED\""), "saved after enrollment");
        assertTrue(saved.contains("BEGIN CERTIFICATE"));

        Path instanceFile = stateDir().resolve("instance-id");
        assertEquals(instance.id(), Files.readString(instanceFile).trim());
        Properties properties = new Properties();
        properties.putAll(StratusTestResource.fixtureKafkaConfig());
        try (AdminClient admin = AdminClient.create(properties)) {
            List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .toList();
            assertTrue(groups.contains("device-simulator-" + instance.id()), groups.toString());
            assertTrue(!groups.contains("device-simulator"), "no shared group: " + groups);
        }
    }

    @Test
    void progressIsLoggedAndCounted() {
        progress.tick();
        enrolledDevice("progress");
        List<String> lines = progress.tick();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fleet: enrolled ")), lines.toString());
        assertTrue(progress.enrollmentsPerSecond() > 0);
        given().when().get("/api/v1/fleet/status").then().statusCode(200)
                .body("enrollmentsPerSecond", org.hamcrest.Matchers.greaterThan(0f))
                .body("enrolling", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("waiting", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }

    private static RegisteredDevice enrolledDevice(String group) {
        String id = FleetApi.createFleet(TENANT, group, 1, "WINDOWS", group).get(0);
        RegisteredDevice device = FleetEnrollmentTest.awaitMember(id, group);
        FleetEnrollmentTest.assign(device, "success", KeySpec.ec(256));
        Map<String, Object> view = FleetApi.awaitSettled(id);
        assertEquals("ENROLLED", view.get("state"), String.valueOf(view.get("error")));
        return device;
    }

    private static Map<String, Object> onlyAssignment(String id) {
        List<Map<String, Object>> assignments = given().when().get("/api/v1/fleet/devices/{id}", id).then()
                .statusCode(200).extract().jsonPath().getList("assignments");
        assertEquals(1, assignments.size());
        return assignments.get(0);
    }

    private static Path stateDir() {
        return Path.of(ConfigProvider.getConfig().getValue("stratus.simulator.state-dir", String.class));
    }

    private static Path stateFile(String id) {
        return stateDir().resolve("devices").resolve(id + ".json");
    }
}
