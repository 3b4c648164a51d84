package io.stratus.profile.messaging;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.report;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.RequestPurpose;
import io.stratus.events.StratusEvent;
import io.stratus.events.Topics;
import io.stratus.profile.support.ConsumerGroups;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.StratusTestResource;

/** CertificateIssued / CertificateRejected on Kafka update the deployment report, once. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class CertificateOutcomeTest {

    private final String tenant = "cert-" + UUID.randomUUID().toString().substring(0, 8);


    @Test
    void issuedAndRejectedCertificatesShowInTheReportIdempotently() throws Exception {
        for (String id : List.of("ok-1", "ko-1", "wait-1")) {
            registerDevice(tenant, DeviceIdentity.of(id, id.toUpperCase(), "SN-" + id, "WINDOWS",
                    KeyAlgorithm.EC_P256));
        }
        String group = createGroup(tenant, "fleet");
        addMembers(tenant, group, "ok-1", "ko-1", "wait-1");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        String assignmentId = createAssignment(tenant, profileId, List.of(group), List.of()).getString("id");
        assertEquals(3, report(tenant, profileId).getInt("pending"));

        CertificateIssuedEvent issued = new CertificateIssuedEvent(tenant, "tx-ok-1", "issuing-ca-1", "ok-1",
                assignmentId, profileId, RequestPurpose.DEVICE, "7F3A00C1D2", "CN=OK-1,O=Contoso", Instant.now(),
                Instant.now().plusSeconds(86400), "AAAA");
        CertificateRejectedEvent rejected = new CertificateRejectedEvent(tenant, "tx-ko-1", "issuing-ca-1", "ko-1",
                assignmentId, profileId, RequestPurpose.DEVICE, "POLICY_VIOLATION", "the CSR asks for RSA 1024");
        // an RA certificate and another tenant's outcome for the same ids concern no deployment here
        CertificateIssuedEvent forRa = new CertificateIssuedEvent(tenant, "ra-x", "issuing-ca-1", "wait-1",
                assignmentId, profileId, RequestPurpose.RA, "01", "CN=RA", Instant.now(), Instant.now(), "AAAA");
        CertificateIssuedEvent otherTenant = new CertificateIssuedEvent(tenant + "-other", "tx-o", "issuing-ca-1",
                "wait-1", assignmentId, profileId, RequestPurpose.DEVICE, "02", "CN=X", Instant.now(), Instant.now(),
                "AAAA");
        CertificateRevokedEvent revoked = new CertificateRevokedEvent(tenant, "issuing-ca-1", "03", "wait-1",
                "keyCompromise", Instant.now());
        String poison = "{\"not\": \"an event " + UUID.randomUUID() + "\"}";
        String unknownType = "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/future\",\"type\":"
                + "\"io.stratus.certificate.teleported\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{}}";

        try (TopicReader deadLetters = new TopicReader(Topics.deadLetter(Topics.CERTIFICATES));
                KafkaProducer<String, String> producer = producer()) {
            send(producer, issued);
            send(producer, issued); // redelivered
            send(producer, rejected);
            send(producer, forRa);
            send(producer, otherTenant);
            send(producer, revoked);
            producer.send(new ProducerRecord<>(Topics.CERTIFICATES, "wait-1", poison)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.CERTIFICATES, "wait-1", unknownType)).get(30, TimeUnit.SECONDS);
            ConsumerGroups.awaitConsumed("profile-service", Topics.CERTIFICATES);

            JsonPath report = report(tenant, profileId);
            assertEquals(1, report.getInt("succeeded"));
            assertEquals(1, report.getInt("failed"));
            assertEquals(1, report.getInt("pending"));
            assertEquals("7F3A00C1D2", report.getString("devices.find { it.deviceId == 'ok-1' }.serialNumber"));
            assertEquals("SUCCEEDED", report.getString("devices.find { it.deviceId == 'ok-1' }.status"));
            assertEquals("POLICY_VIOLATION: the CSR asks for RSA 1024",
                    report.getString("devices.find { it.deviceId == 'ko-1' }.reason"));
            assertEquals("PENDING", report.getString("devices.find { it.deviceId == 'wait-1' }.status"));
            assertEquals(1, report.getInt("expiring"), "the held certificate ends within 30 days");
            assertEquals(0, report.getInt("expired"));
            assertEquals(0, report.getInt("superseded"));

            List<String> dead = deadLetters.readToEnd().stream().map(r -> r.value()).toList();
            assertTrue(dead.contains(poison), "the malformed message went to the dead-letter topic");
            assertTrue(!dead.contains(unknownType), "an unknown event type is skipped, not dead-lettered");
        }

        // a later issuance (e.g. a renewal) replaces the serial; a replay of it changes nothing more
        try (KafkaProducer<String, String> producer = producer()) {
            CertificateIssuedEvent renewed = new CertificateIssuedEvent(tenant, "tx-ok-2", "issuing-ca-1", "ok-1",
                    assignmentId, profileId, RequestPurpose.DEVICE, "7F3A00C1D3", "CN=OK-1,O=Contoso", Instant.now(),
                    Instant.now().plusSeconds(86400), "AAAA");
            send(producer, renewed);
            send(producer, renewed);
            ConsumerGroups.awaitConsumed("profile-service", Topics.CERTIFICATES);
        }
        JsonPath report = report(tenant, profileId);
        assertEquals(1, report.getInt("succeeded"));
        assertEquals("7F3A00C1D3", report.getString("devices.find { it.deviceId == 'ok-1' }.serialNumber"));
        assertEquals(1, report.getInt("superseded"), "the renewal replaced one certificate, counted once");

        // the older certificate replayed does not come back; a certificate that has expired counts expired
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, issued);
            send(producer, new CertificateIssuedEvent(tenant, "tx-ko-2", "issuing-ca-1", "ko-1", assignmentId,
                    profileId, RequestPurpose.DEVICE, "7F3A00C1D4", "CN=KO-1,O=Contoso",
                    Instant.now().minusSeconds(120), Instant.now().minusSeconds(60), "AAAA"));
            ConsumerGroups.awaitConsumed("profile-service", Topics.CERTIFICATES);
        }
        report = report(tenant, profileId);
        assertEquals("7F3A00C1D3", report.getString("devices.find { it.deviceId == 'ok-1' }.serialNumber"));
        assertEquals(1, report.getInt("superseded"), "a replay is not a renewal");
        assertEquals(1, report.getInt("expired"));
        assertEquals(1, report.getInt("expiring"));
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.putAll(StratusTestResource.fixtureKafkaConfig());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, String> producer, StratusEvent data) throws Exception {
        CloudEvent event = CloudEvent.of("/stratus/ca-service", data);
        producer.send(new ProducerRecord<>(Topics.CERTIFICATES, event.key(), EventCodec.encode(event)))
                .get(30, TimeUnit.SECONDS);
    }
}
