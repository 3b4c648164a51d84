package io.stratus.enrollment.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.KeyWrapping;
import io.stratus.crypto.KeyWrappingException;
import io.stratus.crypto.Pem;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Bytes;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.Kafka;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestProfiles;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.RequestPurpose;
import io.stratus.events.Topics;
import io.stratus.testkit.StratusTestResource;

/** What the consumers keep and publish: the RA key at rest, the RA request, the challenge records, poison messages. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class EventConsumersTest {

    TestWorld world;
    String caId;

    @BeforeEach
    void world() {
        world = TestWorld.get();
        caId = world.issuing.id();
        Await.until("the RA certificate", () -> Database.count(
                "select count(*) from ra_credential where authority_id = ? and certificate_pem is not null", caId) == 1);
    }

    @Test
    void raKeyIsStoredWrappedUnderTheKekAndBoundToItsCa() {
        byte[] wrapped = (byte[]) Database.single("select wrapped_key from ra_credential where authority_id = ?", caId);
        X509Certificate ra = Pem.certificate((String) Database.single(
                "select certificate_pem from ra_credential where authority_id = ?", caId));
        byte[] kek = Base64.getDecoder().decode(
                ConfigProvider.getConfig().getValue("stratus.enrollment.kek", String.class));
        byte[] context = ("stratus-ra:" + caId).getBytes(StandardCharsets.UTF_8);

        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyWrapping.unwrap(wrapped, kek, "RSA", context);

        assertEquals(((RSAPublicKey) ra.getPublicKey()).getModulus(), key.getModulus());
        assertFalse(Bytes.contains(wrapped, key.getPrivateExponent().toByteArray()), "no clear private key in the blob");
        assertThrows(KeyWrappingException.class, () -> KeyWrapping.unwrap(wrapped, kek, "RSA",
                "stratus-ra:another-ca".getBytes(StandardCharsets.UTF_8)));
        assertThrows(KeyWrappingException.class, () -> KeyWrapping.unwrap(wrapped, KeyWrapping.newKek(), "RSA", context));
    }

    @Test
    void raRequestIsPublishedOnceWithTheRaPolicy() {
        List<CertificateRequestedEvent> raRequests = world.ca.received().stream()
                .filter(r -> r.authorityId().equals(caId) && r.purpose() == RequestPurpose.RA).toList();

        assertEquals(1, raRequests.size());
        CertificateRequestedEvent request = raRequests.get(0);
        // ra-<caId>-g1- and 128 random bits (22 base64url characters): nobody can send a request under it first
        assertTrue(request.transactionId().matches("ra-" + java.util.regex.Pattern.quote(caId)
                + "-g1-[A-Za-z0-9_-]{22}"), request.transactionId());
        assertEquals(caId, request.deviceId());
        assertEquals(world.tenant, request.tenant());
        assertEquals("CN=Stratus SCEP RA " + caId, request.policy().subject());
        assertEquals(730, request.policy().validityDays());
        java.security.PublicKey raKey = Pem.publicKey(Base64.getDecoder().decode(request.publicKey()));
        assertEquals(2048, io.stratus.crypto.KeyAlgorithm.sizeOf(raKey));
    }

    @Test
    void replayedAssignmentKeepsOneChallengeRecord() {
        TestDevice device = new TestDevice("replayed-" + UUID.randomUUID().toString().substring(0, 8));
        TestProfiles.Assignment assignment = TestProfiles.assign(world.tenant, caId, device);

        Kafka.publish(TestProfiles.SOURCE, assignment.event());
        // one device's events share a partition: once a later assignment is stored, the replay was consumed
        TestProfiles.assign(world.tenant, caId, device);

        assertEquals(1, Database.count("select count(*) from challenge where challenge_hash = ?",
                assignment.event().challengeHash()));
        assertEquals(2, Database.count("select count(*) from challenge where device_id = ?", device.id));
    }

    @Test
    void poisonMessageGoesToTheDeadLetterTopicAndConsumptionContinues() {
        String marker = "poison-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> dlq = Kafka.consumer("test-dlq-" + UUID.randomUUID())) {
            dlq.subscribe(List.of(Topics.deadLetter(Topics.ASSIGNMENTS)));
            Kafka.publishRaw(Topics.ASSIGNMENTS, marker, "{not json " + marker);

            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            ConsumerRecord<String, String> dead = Await.value("the poison message on the DLQ", () -> {
                dlq.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(r -> marker.equals(r.key())).findFirst().orElse(null);
            });
            assertArrayEquals(("{not json " + marker).getBytes(StandardCharsets.UTF_8),
                    dead.value().getBytes(StandardCharsets.UTF_8));
            assertTrue(dead.headers().lastHeader("dead-letter-reason") != null, "the reason travels along");
        }
        TestDevice device = new TestDevice("after-poison-" + UUID.randomUUID().toString().substring(0, 8));
        TestProfiles.assign(world.tenant, caId, device);
    }
}
