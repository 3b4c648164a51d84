package io.stratus.profile.service;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.createTrustedRoot;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.scepBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.Topics;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Outbox;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** The SCEP profile's key storage provider (Windows only) and hash algorithm: API, storage and ProfileAssigned. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class KeyStorageAndHashTest {

    private final String tenant = "ksp-" + UUID.randomUUID().toString().substring(0, 8);


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
    void windowsDefaultsToTpmOrSoftwareAndOtherPlatformsHaveNoKeyStorageProvider() {
        String root = createTrustedRoot(tenant);
        String windows = createScepProfile(tenant, scepBody(tenant, List.of(root)));
        admin().get(base(tenant) + "/profiles/scep/" + windows).then().statusCode(200)
                .body("keyStorageProvider", equalTo("TPM_OR_SOFTWARE"))
                .body("hashAlgorithm", equalTo("SHA256"));

        Map<String, Object> mac = scepBody(tenant, List.of(root));
        mac.put("platform", "MACOS");
        String macId = createScepProfile(tenant, mac);
        admin().get(base(tenant) + "/profiles/scep/" + macId).then().statusCode(200)
                .body("keyStorageProvider", nullValue())
                .body("hashAlgorithm", equalTo("SHA256"));
    }

    @Test
    void everyValueIsStoredAndReachesTheDeviceInProfileAssigned() {
        DeviceIdentity laptop = device("ksp-laptop", "WINDOWS");
        DeviceIdentity mac = device("ksp-mac", "MACOS");
        String group = createGroup(tenant, "all");
        addMembers(tenant, group, laptop.id(), mac.id());
        String root = createTrustedRoot(tenant);

        Map<String, String[]> expected = new HashMap<>();
        String[][] windowsSettings = { { "TPM_OR_SOFTWARE", "SHA256" }, { "TPM_REQUIRED", "SHA384" },
                { "PASSPORT", "SHA512" }, { "SOFTWARE", "sha-384" } };
        for (String[] setting : windowsSettings) {
            Map<String, Object> body = scepBody(tenant, List.of(root));
            body.put("keyStorageProvider", setting[0]);
            body.put("hashAlgorithm", setting[1]);
            String id = createScepProfile(tenant, body);
            String hash = setting[1].toUpperCase().replace("-", "");
            admin().get(base(tenant) + "/profiles/scep/" + id).then().statusCode(200)
                    .body("keyStorageProvider", equalTo(setting[0])).body("hashAlgorithm", equalTo(hash));
            createAssignment(tenant, id, List.of(group), List.of());
            expected.put(id, new String[] { setting[0], hash });
        }
        Map<String, Object> macBody = scepBody(tenant, List.of(root));
        macBody.put("platform", "MACOS");
        macBody.put("hashAlgorithm", "SHA512");
        String macProfile = createScepProfile(tenant, macBody);
        createAssignment(tenant, macProfile, List.of(group), List.of());

        List<ProfileAssignedEvent> events = assignedSince();
        assertEquals(5, events.size(), "one ProfileAssigned per profile, each for the device of its platform");
        for (ProfileAssignedEvent event : events) {
            if (event.profileId().equals(macProfile)) {
                assertEquals(mac.id(), event.deviceId());
                assertNull(event.keyStorageProvider(), "a macOS device gets no key storage provider");
                assertEquals("SHA512", event.hashAlgorithm());
            } else {
                assertEquals(laptop.id(), event.deviceId());
                assertEquals(expected.get(event.profileId())[0], event.keyStorageProvider());
                assertEquals(expected.get(event.profileId())[1], event.hashAlgorithm());
            }
        }
    }

    @Test
    void keyStorageOutsideWindowsAndWeakOrUnknownHashesAreRefused() {
        String root = createTrustedRoot(tenant);
        String profiles = base(tenant) + "/profiles/scep";
        Map<String, Object> mac = scepBody(tenant, List.of(root));
        mac.put("platform", "MACOS");
        mac.put("keyStorageProvider", "SOFTWARE");
        problem(admin().body(mac).post(profiles).then(), 400,
                "keyStorageProvider applies to Windows profiles only");

        Map<String, Object> unknownKsp = scepBody(tenant, List.of(root));
        unknownKsp.put("keyStorageProvider", "SMARTCARD");
        problem(admin().body(unknownKsp).post(profiles).then(), 400,
                "keyStorageProvider must be one of TPM_OR_SOFTWARE, TPM_REQUIRED, PASSPORT, SOFTWARE, not 'SMARTCARD'");

        for (String weak : List.of("SHA1", "sha-1", "MD5", "SHA224")) {
            Map<String, Object> body = scepBody(tenant, List.of(root));
            body.put("hashAlgorithm", weak);
            problem(admin().body(body).post(profiles).then(), 400, "SHA-1 is refused as weak")
                    .body("detail", org.hamcrest.Matchers.containsString("not '" + weak + "'"));
        }
        admin().get(profiles).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void changingEitherSettingReissuesProfileAssignedAndABadEditChangesNothing() {
        DeviceIdentity laptop = device("ksp-edit", "WINDOWS");
        String group = createGroup(tenant, "laptops");
        addMembers(tenant, group, laptop.id());
        Map<String, Object> body = scepBody(tenant, List.of(createTrustedRoot(tenant)));
        String id = createScepProfile(tenant, body);
        createAssignment(tenant, id, List.of(group), List.of());
        ProfileAssignedEvent first = single(assignedSince());
        assertEquals("TPM_OR_SOFTWARE", first.keyStorageProvider());
        assertEquals("SHA256", first.hashAlgorithm());

        body.put("hashAlgorithm", "SHA384");
        admin().body(body).put(base(tenant) + "/profiles/scep/" + id).then().statusCode(200)
                .body("hashAlgorithm", equalTo("SHA384")).body("keyStorageProvider", equalTo("TPM_OR_SOFTWARE"));
        ProfileAssignedEvent rehashed = single(assignedSince());
        assertEquals("SHA384", rehashed.hashAlgorithm());
        assertEquals("TPM_OR_SOFTWARE", rehashed.keyStorageProvider());

        body.put("keyStorageProvider", "TPM_REQUIRED");
        admin().body(body).put(base(tenant) + "/profiles/scep/" + id).then().statusCode(200)
                .body("keyStorageProvider", equalTo("TPM_REQUIRED"));
        ProfileAssignedEvent moved = single(assignedSince());
        assertEquals("TPM_REQUIRED", moved.keyStorageProvider());
        assertEquals("SHA384", moved.hashAlgorithm());

        Map<String, Object> weak = new HashMap<>(body);
        weak.put("hashAlgorithm", "SHA1");
        problem(admin().body(weak).put(base(tenant) + "/profiles/scep/" + id).then(), 400,
                "SHA-1 is refused as weak");
        Map<String, Object> toMac = new HashMap<>(body);
        toMac.put("platform", "MACOS");
        problem(admin().body(toMac).put(base(tenant) + "/profiles/scep/" + id).then(), 400,
                "keyStorageProvider applies to Windows profiles only");
        admin().get(base(tenant) + "/profiles/scep/" + id).then().statusCode(200)
                .body("keyStorageProvider", equalTo("TPM_REQUIRED")).body("hashAlgorithm", equalTo("SHA384"))
                .body("platform", equalTo("WINDOWS"));
        assertEquals(List.of(), assignedSince(), "a refused edit sends nothing");
    }

    private DeviceIdentity device(String id, String platform) {
        DeviceIdentity device = DeviceIdentity.of(id, id.toUpperCase(), "SN-" + id, platform, KeyAlgorithm.EC_P256);
        registerDevice(tenant, device);
        return device;
    }

    /** This tenant's ProfileAssigned events published since the last call. */
    private List<ProfileAssignedEvent> assignedSince() {
        Outbox.awaitDrained(db);
        return assignments.readToEnd().stream().map(ConsumerRecord::value).map(EventCodec::decode)
                .filter(event -> tenant.equals(event.tenant())).map(CloudEvent::data)
                .filter(ProfileAssignedEvent.class::isInstance).map(ProfileAssignedEvent.class::cast).toList();
    }

    private static ProfileAssignedEvent single(List<ProfileAssignedEvent> events) {
        assertEquals(1, events.size(), "exactly one ProfileAssigned");
        return events.get(0);
    }
}
