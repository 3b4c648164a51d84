package io.stratus.profile.service;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.createTrustedRoot;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.report;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stratus.crypto.ChallengeSeal;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.KeySpec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.SubjectAltName;
import io.stratus.events.Topics;
import io.stratus.events.TrustedCertificate;
import io.stratus.profile.rest.ApiRoles;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Outbox;
import io.stratus.profile.support.TestCertificates;
import io.stratus.profile.support.Tokens;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** Assignments end to end: REST → outbox → Kafka, with real identity keys opening the sealed challenges. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class DeploymentFlowTest {

    private final String tenant = "flow-" + UUID.randomUUID().toString().substring(0, 8);


    @Inject
    DataSource db;

    private TopicReader assignments;

    @BeforeEach
    void openTopic() {
        assignments = new TopicReader(Topics.ASSIGNMENTS);
    }

    @AfterEach
    void closeTopic() {
        assignments.close();
    }

    @Test
    void anAssignmentReachesExactlyTheDevicesInScopeWithChallengesOnlyTheyCanOpen() throws Exception {
        DeviceIdentity rsa = register("dev-rsa", "LAPTOP-7", KeyAlgorithm.RSA_2048, "WINDOWS");
        DeviceIdentity ec = register("dev-ec", "LAPTOP-8", KeyAlgorithm.EC_P256, "WINDOWS");
        DeviceIdentity excluded = register("dev-excluded", "KIOSK-1", KeyAlgorithm.EC_P256, "WINDOWS");
        DeviceIdentity mac = register("dev-mac", "MAC-1", KeyAlgorithm.EC_P384, "MACOS");
        DeviceIdentity outside = register("dev-outside", "LAPTOP-9", KeyAlgorithm.RSA_4096, "WINDOWS");
        String laptops = createGroup(tenant, "laptops");
        String kiosks = createGroup(tenant, "kiosks");
        addMembers(tenant, laptops, rsa.id(), ec.id(), excluded.id(), mac.id());
        addMembers(tenant, kiosks, excluded.id());
        String rootId = createTrustedRoot(tenant);
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of(rootId)));

        Instant before = Instant.now();
        JsonPath created = createAssignment(tenant, profileId, List.of(laptops), List.of(kiosks));
        assertEquals(3, created.getInt("devices"));
        assertEquals(2, created.getInt("assigned"));
        assertEquals(1, created.getInt("notApplicable"));
        String assignmentId = created.getString("id");

        Map<String, CloudEvent> events = assignedEvents();
        assertEquals(List.of("dev-ec", "dev-rsa"), events.keySet().stream().sorted().toList());
        String rsaChallenge = checkAssigned(events.get("dev-rsa"), rsa, assignmentId, profileId, rootId, before);
        String ecChallenge = checkAssigned(events.get("dev-ec"), ec, assignmentId, profileId, rootId, before);
        assertNotEquals(rsaChallenge, ecChallenge, "every device gets its own challenge");
        opensWithOpenSsl(events.get("dev-rsa"), rsa, rsaChallenge);
        opensWithOpenSsl(events.get("dev-ec"), ec, ecChallenge);

        // a member added later gets exactly one event; an excluded or unrelated one gets none
        assertEquals(1, addMembers(tenant, laptops, outside.id()).getInt("assigned"));
        assertEquals(List.of("dev-outside"), List.copyOf(assignedEvents().keySet()));
        String unrelated = createGroup(tenant, "unrelated");
        DeviceIdentity late = register("dev-late", "LAPTOP-10", KeyAlgorithm.EC_P256, "WINDOWS");
        addMembers(tenant, kiosks, late.id());
        addMembers(tenant, unrelated, late.id(), rsa.id());
        assertEquals(0, addMembers(tenant, laptops, late.id()).getInt("assigned"), "late is excluded by kiosks");
        assertEquals(Map.of(), assignedEvents());

        JsonPath report = report(tenant, profileId);
        assertEquals(3, report.getInt("pending"));
        assertEquals(1, report.getInt("notApplicable"));
        assertEquals(0, report.getInt("succeeded"));
        assertEquals(0, report.getInt("failed"));
        assertEquals("NOT_APPLICABLE", report.getString("devices.find { it.deviceId == 'dev-mac' }.status"));
    }

    @Test
    void membersAddedWhileTheAssignmentIsCreatedAreAssignedExactlyOnce() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(register("race-" + i, "RACE-" + i, KeyAlgorithm.EC_P256, "WINDOWS").id());
        }
        String group = createGroup(tenant, "race");
        addMembers(tenant, group, ids.subList(0, 4).toArray(String[]::new));
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
            calls.add(pool.submit(() -> createAssignment(tenant, profileId, List.of(group), List.of())));
            for (int batch = 1; batch < 6; batch++) {
                String[] members = ids.subList(batch * 4, batch * 4 + 4).toArray(String[]::new);
                calls.add(pool.submit(() -> addMembers(tenant, group, members)));
            }
            for (java.util.concurrent.Future<?> call : calls) {
                call.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(ids.stream().sorted().toList(), List.copyOf(assignedEvents().keySet()),
                "every member got exactly one event (assignedEvents refuses duplicates)");
        assertEquals(24, report(tenant, profileId).getInt("pending"));
    }

    @Test
    void theReportCountsEveryDeviceAndPagesItsLines() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(register("page-" + i, "PAGE-" + i, KeyAlgorithm.EC_P256, "WINDOWS").id());
        }
        String group = createGroup(tenant, "paged");
        addMembers(tenant, group, ids.toArray(String[]::new));
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of(createTrustedRoot(tenant))));
        createAssignment(tenant, profileId, List.of(group), List.of());

        String path = base(tenant) + "/profiles/" + profileId + "/report";
        List<String> seen = new java.util.ArrayList<>();
        List<Integer> pageSizes = new java.util.ArrayList<>();
        String after = null;
        do {
            JsonPath page = admin().queryParam("limit", 3).queryParam("after", after == null ? "" : after)
                    .get(path).then().statusCode(200).extract().jsonPath();
            assertEquals(7, page.getInt("pending"), "the counts cover every device on every page");
            List<String> devices = page.getList("devices.deviceId", String.class);
            pageSizes.add(devices.size());
            seen.addAll(devices);
            after = page.getString("next");
        } while (after != null);
        assertEquals(List.of(3, 3, 1), pageSizes);
        assertEquals(ids.stream().sorted().toList(), seen, "every device once, in device order");

        problem(admin().queryParam("after", "not-a-cursor").get(path).then(), 400, "after is not a cursor");
        problem(admin().queryParam("limit", 0).get(path).then(), 400, "limit must be between 1 and 1000");
    }

    @Test
    void aDeviceWithoutAValueForAVariableFailsWithoutAnEvent() {
        DeviceIdentity withSerial = register("has-serial", "PC-1", KeyAlgorithm.EC_P256, "WINDOWS");
        DeviceIdentity noSerial = DeviceIdentity.of("no-serial", "PC-2", null, "WINDOWS", KeyAlgorithm.EC_P256);
        registerDevice(tenant, noSerial);
        DeviceIdentity badName = register("bad-name", "Bob's PC", KeyAlgorithm.EC_P256, "WINDOWS");
        String group = createGroup(tenant, "all");
        addMembers(tenant, group, withSerial.id(), noSerial.id(), badName.id());
        Map<String, Object> body = scepBody(tenant, List.of());
        body.put("subjectNameFormat", "CN={{SerialNumber}},OU={{DeviceName}},O=Contoso");
        body.put("revokeOnRenewal", true);
        String profileId = createScepProfile(tenant, body);
        admin().get(base(tenant) + "/profiles/scep/" + profileId).then().statusCode(200)
                .body("revokeOnRenewal", org.hamcrest.Matchers.equalTo(true));

        JsonPath created = createAssignment(tenant, profileId, List.of(group), List.of());
        assertEquals(1, created.getInt("assigned"));
        assertEquals(2, created.getInt("failed"));
        Map<String, CloudEvent> events = assignedEvents();
        assertEquals(List.of("has-serial"), List.copyOf(events.keySet()));
        ProfileAssignedEvent assigned = (ProfileAssignedEvent) events.get("has-serial").data();
        assertEquals("CN=" + withSerial.serialNumber() + ",OU=PC-1,O=Contoso", assigned.policy().subject());
        assertTrue(assigned.policy().revokeRenewedCertificate(), "the profile revokes renewed certificates");

        JsonPath report = report(tenant, profileId);
        assertEquals(2, report.getInt("failed"));
        assertEquals(1, report.getInt("pending"));
        assertEquals("device has no SerialNumber, needed by the subject name format",
                report.getString("devices.find { it.deviceId == 'no-serial' }.reason"));
        assertTrue(report.getString("devices.find { it.deviceId == 'bad-name' }.reason")
                .contains("'Bob's PC.contoso.test' is not a valid DNS host name"));
    }

    @Test
    void namesWithSpecialCharactersCannotInjectIntoTheSubject() {
        DeviceIdentity tricky = register("tricky", "Smith, John+O=Evil", KeyAlgorithm.EC_P256, "WINDOWS");
        String group = createGroup(tenant, "tricky");
        addMembers(tenant, group, tricky.id());
        Map<String, Object> body = scepBody(tenant, List.of());
        body.put("subjectAlternativeNames", List.of(Map.of("type", "URI", "value", "urn:device:{{DeviceId}}")));
        String profileId = createScepProfile(tenant, body);
        createAssignment(tenant, profileId, List.of(group), List.of());

        ProfileAssignedEvent assigned = (ProfileAssignedEvent) assignedEvents().get("tricky").data();
        var rdns = SubjectNames.parse(assigned.policy().subject()).getRDNs();
        assertEquals(2, rdns.length, "exactly CN and O: " + assigned.policy().subject());
        assertEquals("CN=Smith\\, John\\+O\\=Evil,O=Contoso", assigned.policy().subject());
    }

    @Test
    void badAssignmentsAreRefusedAndChangeNothing() {
        String group = createGroup(tenant, "g");
        String other = createGroup(tenant + "-other", "theirs");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        String path = base(tenant) + "/assignments";
        problem(admin().body(Map.of("profileId", "nope", "includeGroupIds", List.of(group))).post(path).then(), 400,
                "unknown SCEP profile 'nope'");
        problem(admin().body(Map.of("profileId", profileId, "includeGroupIds", List.of())).post(path).then(), 400,
                "includeGroupIds must name at least one id");
        problem(admin().body(Map.of("profileId", profileId, "includeGroupIds", List.of(group, "ghost")))
                .post(path).then(), 400, "unknown group 'ghost'");
        problem(admin().body(Map.of("profileId", profileId, "includeGroupIds", List.of(other))).post(path).then(),
                400, "unknown group '" + other + "'");
        problem(admin().body(Map.of("profileId", profileId, "includeGroupIds", List.of(group), "excludeGroupIds",
                List.of(group))).post(path).then(), 400, "is both included and excluded");
        problem(admin().body(Map.of("includeGroupIds", List.of(group))).post(path).then(), 400,
                "profileId is required");
        problem(admin().body("{").post(path).then(), 400, "invalid JSON");
        problem(admin().get(path + "/nope").then(), 404, "assignment 'nope' not found");
        assertEquals(0, report(tenant, profileId).getList("devices").size());
    }

    @Test
    void assignmentsNeedProfileManageAndReportsNeedProfileRead() {
        register("rb-1", "RB-1", KeyAlgorithm.EC_P256, "WINDOWS");
        String group = createGroup(tenant, "rbac");
        addMembers(tenant, group, "rb-1");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        String path = base(tenant) + "/assignments";
        Map<String, Object> body = Map.of("profileId", profileId, "includeGroupIds", List.of(group));
        as(null).body(body).post(path).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).body(body).post(path).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).body(body).post(path).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, "other")).body(body).post(path).then().statusCode(403);
        String id = as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).body(body).post(path).then().statusCode(201)
                .extract().path("id");
        assertEquals(List.of("rb-1"), List.copyOf(assignedEvents().keySet()), "only the allowed call assigned");

        as(null).get(path + "/" + id).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).get(path + "/" + id).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).get(path + "/" + id).then().statusCode(200);

        String reportPath = base(tenant) + "/profiles/" + profileId + "/report";
        as(null).get(reportPath).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).get(reportPath).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_READ, "other")).get(reportPath).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).get(reportPath).then().statusCode(200);
    }

    private DeviceIdentity register(String id, String name, KeyAlgorithm algorithm, String platform) {
        DeviceIdentity device = DeviceIdentity.of(id, name, "SN-" + id, platform, algorithm);
        registerDevice(tenant, device);
        return device;
    }

    /** ProfileAssigned events of this test's tenant published since the last call, by device id. */
    private Map<String, CloudEvent> assignedEvents() {
        Outbox.awaitDrained(db);
        Map<String, CloudEvent> events = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : assignments.readToEnd()) {
            CloudEvent event = EventCodec.decode(record.value());
            if (tenant.equals(event.tenant()) && event.data() instanceof ProfileAssignedEvent) {
                assertEquals(event.key(), record.key(), "keyed by device id");
                CloudEvent previous = events.put(record.key(), event);
                assertEquals(null, previous, "one event per device, not two, for " + record.key());
            }
        }
        return events.entrySet().stream().sorted(Map.Entry.comparingByKey()).collect(Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Checks the event and returns the challenge opened with the device's private key. */
    private String checkAssigned(CloudEvent event, DeviceIdentity device, String assignmentId, String profileId,
            String rootId, Instant before) throws Exception {
        assertEquals("io.stratus.profile.assigned", event.type());
        assertEquals("/stratus/profile-service", event.source());
        ProfileAssignedEvent assigned = (ProfileAssignedEvent) event.data();
        assertEquals(device.id(), assigned.deviceId());
        assertEquals(assignmentId, assigned.assignmentId());
        assertEquals(profileId, assigned.profileId());
        assertEquals("issuing-ca-1", assigned.authorityId());
        assertEquals("http://localhost:8082/scep/" + tenant + "/issuing-ca-1", assigned.scepUrl());
        assertEquals(20, assigned.renewalThresholdPercent());
        assertEquals("CN=" + device.name() + ",O=Contoso", assigned.policy().subject());
        assertEquals(List.of(new SubjectAltName(SubjectAltName.Type.DNS, device.name() + ".contoso.test"),
                new SubjectAltName(SubjectAltName.Type.URI, "urn:stratus:device:" + device.id())),
                assigned.policy().subjectAltNames());
        assertEquals(KeySpec.rsa(2048), assigned.policy().keySpec());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), assigned.policy().extendedKeyUsages());
        assertEquals(List.of("digitalSignature", "keyEncipherment"), assigned.policy().keyUsages());
        assertEquals(365, assigned.policy().validityDays());
        assertEquals(false, assigned.policy().revokeRenewedCertificate(), "renewed certificates stay valid by default");
        assertEquals(List.of(new TrustedCertificate("root-ca-1", "COMPUTER_ROOT", TestCertificates.get().rootPem())),
                assigned.trustedCertificates());
        Duration ttl = Duration.between(before, assigned.challengeExpiresAt());
        assertTrue(ttl.compareTo(Duration.ofMinutes(60)) >= 0 && ttl.compareTo(Duration.ofMinutes(70)) < 0,
                "expires 60 minutes after the assignment: " + ttl);

        byte[] opened = ChallengeSeal.open(Base64.getDecoder().decode(assigned.sealedChallenge()),
                device.keys().getPrivate(), device.keys().getPublic());
        String challenge = new String(opened, StandardCharsets.UTF_8);
        assertTrue(challenge.matches("[A-Za-z0-9_-]{43}"), "32 random bytes in base64url: " + challenge.length());
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(challenge.getBytes(StandardCharsets.UTF_8)));
        assertEquals(assigned.challengeHash(), hash);
        return challenge;
    }

    /** OpenSSL, software nobody here wrote, opens the sealed challenge with the device key too. */
    private static void opensWithOpenSsl(CloudEvent event, DeviceIdentity device, String challenge) throws Exception {
        Path dir = Files.createTempDirectory("seal-");
        try {
            Path sealed = Files.write(dir.resolve("sealed.der"),
                    Base64.getDecoder().decode(((ProfileAssignedEvent) event.data()).sealedChallenge()));
            Path key = Files.writeString(dir.resolve("key.pem"),
                    io.stratus.crypto.Pem.armor("PRIVATE KEY", device.keys().getPrivate().getEncoded()));
            Path out = dir.resolve("challenge.txt");
            OpenSsl.run("cms", "-decrypt", "-inform", "DER", "-in", sealed.toString(), "-inkey", key.toString(),
                    "-out", out.toString());
            assertEquals(challenge, Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(file -> file.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }
}
