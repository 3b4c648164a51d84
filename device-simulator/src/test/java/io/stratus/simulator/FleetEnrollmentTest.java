package io.stratus.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.stratus.events.Topics;
import io.stratus.simulator.service.KeyPool;
import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.events.CloudEvent;
import io.stratus.events.KeySpec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.simulator.fixtures.Assignments;
import io.stratus.simulator.fixtures.Await;
import io.stratus.simulator.fixtures.ProfileServiceStandInResource;
import io.stratus.simulator.fixtures.ScepServerFixture;
import io.stratus.simulator.fixtures.SimulatorFixtures;
import io.stratus.simulator.fixtures.StandInRecords;
import io.stratus.simulator.fixtures.StandInRecords.RegisteredDevice;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * Fleet devices end to end inside one JVM: registration at a profile-service stand-in, ProfileAssigned
 * events on the real Kafka broker, SCEP enrollment over HTTP against a real SCEP server built on
 * {@code io.stratus.crypto.scep}, certificates checked by OpenSSL.
 */
@QuarkusTest
@WithTestResource(StratusTestResource.class)
@WithTestResource(ProfileServiceStandInResource.class)
class FleetEnrollmentTest {

    private static final String TENANT = "contoso";

    @Inject
    KeyPool keyPool;

    @Test
    void devicesRegisterJoinTheirGroupAndEnrollOverScep() throws Exception {
        List<String> ids = FleetApi.createFleet(TENANT, "laptops", 2, "MACOS", "laptop");
        assertEquals(2, ids.size());

        List<RegisteredDevice> registered = ids.stream().map(id -> awaitMember(id, "laptops")).toList();
        for (RegisteredDevice device : registered) {
            assertEquals(TENANT, device.tenant());
            assertEquals("MACOS", device.platform());
            assertTrue(device.name().equals("laptop-1") || device.name().equals("laptop-2"), device.name());
            assertTrue(device.serialNumber().startsWith("SIM"), device.serialNumber());
            assertEquals(KeyAlgorithm.EC_P256, KeyAlgorithm.of(Pem.publicKey(device.identityPublicKey())));
        }
        assertEquals("WAITING", FleetApi.device(ids.get(0)).get("state"));

        ScepServerFixture scep = SimulatorFixtures.scep();
        List<KeySpec> keys = List.of(KeySpec.rsa(2048), KeySpec.ec(256));
        for (int i = 0; i < registered.size(); i++) {
            assign(registered.get(i), "success", keys.get(i));
        }

        for (int i = 0; i < registered.size(); i++) {
            RegisteredDevice device = registered.get(i);
            Map<String, Object> view = FleetApi.awaitSettled(device.id());
            assertEquals("ENROLLED", view.get("state"), String.valueOf(view.get("error")));
            X509Certificate certificate = downloadCertificate(device.id());
            assertTrue(SubjectNames.same(Assignments.subjectFor(device.name()),
                    SubjectNames.toString(certificate.getSubjectX500Principal())));
            assertEquals(KeyAlgorithm.of(keys.get(i).algorithm(), keys.get(i).size()),
                    KeyAlgorithm.of(certificate.getPublicKey()));
            assertTrue(dnsNames(certificate).contains(device.name() + ".contoso.test"));
            assertEquals(Serials.hex(certificate.getSerialNumber()), view.get("serialNumber"));
            assertNotNull(view.get("enrollMillis"));
            verifyWithOpenSsl(certificate);
        }
        assertEquals(3, scep.requests("success", registered.get(0).name() + "-" + registered.get(0).id()),
                "GetCACaps, GetCACert and one PKIOperation");

        given().when().get("/api/v1/fleet/status?tenant=" + TENANT).then().statusCode(200)
                .body("devices", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("enrolled", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        List<Map<String, Object>> listed = given().when().get("/api/v1/fleet/devices?tenant=" + TENANT)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(listed.stream().filter(d -> ids.contains(d.get("deviceId")))
                .allMatch(d -> "ENROLLED".equals(d.get("state"))));
    }

    @Test
    void failureCertRepMarksTheDeviceFailedWithTheFailInfo() {
        String id = FleetApi.createFleet(TENANT, "refusals", 1, "WINDOWS", "refused").get(0);
        assign(awaitMember(id, "refusals"), "failure", KeySpec.ec(256));

        Map<String, Object> view = FleetApi.awaitSettled(id);
        assertEquals("FAILED", view.get("state"));
        assertTrue(String.valueOf(view.get("error")).contains("badRequest"), String.valueOf(view.get("error")));
        given().when().get("/api/v1/fleet/devices/{id}/certificate", id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void pendingThenSuccessEnrollsAfterPolling() throws Exception {
        String id = FleetApi.createFleet(TENANT, "slow-ca", 1, "WINDOWS", "patient").get(0);
        assign(awaitMember(id, "slow-ca"), "pending", KeySpec.ec(256));

        Map<String, Object> view = FleetApi.awaitSettled(id);
        assertEquals("ENROLLED", view.get("state"), String.valueOf(view.get("error")));
        X509Certificate certificate = downloadCertificate(id);
        assertEquals(2, SimulatorFixtures.scep().polls(ScepClientMessages.transactionId(certificate.getPublicKey())),
                "PENDING to the PKCSReq and the first CertPoll, SUCCESS to the second");
        verifyWithOpenSsl(certificate);
    }

    @Test
    void assignmentsForUnknownDevicesAndRedeliveriesAreIgnored() {
        String id = FleetApi.createFleet(TENANT, "dedup", 1, "ANDROID", "phone").get(0);
        RegisteredDevice known = awaitMember(id, "dedup");
        ScepServerFixture scep = SimulatorFixtures.scep();

        // Same Kafka key as the known device, so the partition orders these events before its enrollment ends.
        String stranger = UUID.randomUUID().toString();
        ProfileAssignedEvent foreign = Assignments.forDevice(TENANT, stranger, "stranger", known.identityPublicKey(),
                scep.url("success", "stranger-" + stranger), SimulatorFixtures.pki(), scep, KeySpec.ec(256));
        CloudEvent assigned = CloudEvent.of("/stratus/profile-service", assignment(known, "success", KeySpec.ec(256)));
        SimulatorFixtures.publisher().publishRaw(id, io.stratus.events.EventCodec.encode(
                CloudEvent.of("/stratus/profile-service", foreign)));
        SimulatorFixtures.publisher().publish(assigned);
        SimulatorFixtures.publisher().publish(assigned);
        // A later event on the same partition: once it is handled, the redelivery above was consumed.
        String otherId = FleetApi.createFleet(TENANT, "dedup-marker", 1, "ANDROID", "marker").get(0);
        RegisteredDevice marker = awaitMember(otherId, "dedup-marker");
        SimulatorFixtures.publisher().publishRaw(id, io.stratus.events.EventCodec.encode(
                CloudEvent.of("/stratus/profile-service", assignment(marker, "success", KeySpec.ec(256)))));

        assertEquals("ENROLLED", FleetApi.awaitSettled(otherId).get("state"));
        assertEquals("ENROLLED", FleetApi.awaitSettled(id).get("state"));
        assertEquals(0, scep.requests("success", "stranger-" + stranger), "no SCEP request for a foreign device");
        assertEquals(3, scep.requests("success", known.name() + "-" + known.id()), "one enrollment, not two");
        given().when().get("/api/v1/fleet/devices/{id}", stranger).then().statusCode(404);
    }

    @Test
    void devicesTheDirectoryRefusesAreFailed() {
        String id = FleetApi.createFleet(
                io.stratus.simulator.fixtures.ProfileServiceStandIn.REFUSED_TENANT, "any", 1, "IOS", "ipad").get(0);
        Map<String, Object> view = FleetApi.awaitSettled(id);
        assertEquals("FAILED", view.get("state"));
        assertTrue(String.valueOf(view.get("error")).contains("403"), String.valueOf(view.get("error")));
    }

    @Test
    void aMessageThatIsNotAnEventGoesToTheDeadLetterTopic() {
        String poison = "not a Stratus event " + UUID.randomUUID();
        SimulatorFixtures.publisher().publishRaw("poison-key", poison);
        Properties properties = new Properties();
        properties.putAll(StratusTestResource.fixtureKafkaConfig());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.ASSIGNMENTS)));
            ConsumerRecord<String, String> dead = Await.until("the poison message on the dead-letter topic", () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (poison.equals(record.value())) {
                        return record;
                    }
                }
                return null;
            });
            assertEquals("poison-key", dead.key());
            assertNotNull(dead.headers().lastHeader("dead-letter-reason"));
        }
    }

    @Test
    void theKeyPoolRefillsAfterUse() {
        keyPool.take(KeyAlgorithm.EC_P384);
        Await.untilTrue("the EC P-384 pool to fill", () -> keyPool.available(KeyAlgorithm.EC_P384) == 2);
        assertTrue(!keyPool.take(KeyAlgorithm.EC_P384).getPublic().equals(keyPool.take(KeyAlgorithm.EC_P384).getPublic()));
    }

    static RegisteredDevice awaitMember(String id, String groupId) {
        return Await.until("device " + id + " registered and in group " + groupId, () -> {
            RegisteredDevice device = StandInRecords.device(id);
            return device != null && device.groups().contains(groupId) ? device : null;
        });
    }

    static void assign(RegisteredDevice device, String mode, KeySpec key) {
        SimulatorFixtures.publisher().publish(assignment(device, mode, key));
    }

    static ProfileAssignedEvent assignment(RegisteredDevice device, String mode, KeySpec key) {
        ScepServerFixture scep = SimulatorFixtures.scep();
        return Assignments.forDevice(device.tenant(), device.id(), device.name(), device.identityPublicKey(),
                scep.url(mode, device.name() + "-" + device.id()), SimulatorFixtures.pki(), scep, key);
    }

    static X509Certificate downloadCertificate(String id) {
        String pem = given().when().get("/api/v1/fleet/devices/{id}/certificate", id)
                .then().statusCode(200).contentType(containsString("application/x-pem-file"))
                .extract().asString();
        return Pem.certificate(pem);
    }

    static void verifyWithOpenSsl(X509Certificate certificate) throws Exception {
        Path dir = Files.createTempDirectory("simulator-verify-");
        Path root = Files.writeString(dir.resolve("root.pem"), Pem.encode(SimulatorFixtures.pki().root()));
        Path issuing = Files.writeString(dir.resolve("issuing.pem"), Pem.encode(SimulatorFixtures.pki().issuing()));
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), Pem.encode(certificate));
        OpenSsl.verifyChain(root, issuing, leaf);
    }

    private static List<String> dnsNames(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names == null ? List.of()
                : names.stream().filter(n -> Integer.valueOf(2).equals(n.get(0))).map(n -> (String) n.get(1)).toList();
    }
}
