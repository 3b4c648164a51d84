package io.stratus.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final IssuancePolicy POLICY = new IssuancePolicy("CN=dev-1,O=Contoso",
            List.of(new SubjectAltName(SubjectAltName.Type.DNS, "dev-1.contoso.test")), KeySpec.rsa(2048),
            List.of("1.3.6.1.5.5.7.3.2"), List.of("digitalSignature", "keyEncipherment"), 365, true, 20, 30);

    static Stream<StratusEvent> everyEvent() {
        return Stream.of(
                new AuthorityCreatedEvent("t1", "ca-1", AuthorityKind.ISSUING, "root-1", "Issuing", "CN=Issuing",
                        AuthorityStatus.ACTIVE, "-----BEGIN CERTIFICATE-----", "chain", NOW),
                new AuthorityStatusChangedEvent("t1", "ca-1", AuthorityStatus.PAUSED, "maintenance"),
                new AuthorityRenewedEvent("t1", "ca-1", 2, AuthorityRenewedEvent.RenewalPhase.ANNOUNCED, true,
                        "-----BEGIN CERTIFICATE-----", "chain", NOW, NOW.plusSeconds(86400)),
                new CrlPublishedEvent("t1", "ca-1", 7, "http://localhost/crl", NOW, NOW.plusSeconds(60)),
                new ProfileAssignedEvent("t1", "dev-1", "as-1", "p-1", "ca-1", "http://localhost/scep/t1/ca-1",
                        List.of(new TrustedCertificate("root-1", "COMPUTER_ROOT", "pem")), POLICY, 20, "c2VhbGVk",
                        "ab12", NOW.plusSeconds(3600), "TPM_OR_SOFTWARE", "SHA384"),
                new ProfileUnassignedEvent("t1", "dev-1", "as-1", "p-1"),
                new CertificateRequestedEvent("t1", "tx-1", "ca-1", "dev-1", "as-1", "p-1", RequestPurpose.DEVICE,
                        "Y3Ny", POLICY, "0A1B"),
                new CertificateIssuedEvent("t1", "tx-1", "ca-1", "dev-1", "as-1", "p-1", RequestPurpose.DEVICE,
                        "0A1B", "CN=dev-1", NOW, NOW.plusSeconds(86400), "Y2VydA=="),
                new CertificateRejectedEvent("t1", "tx-1", "ca-1", "dev-1", "as-1", "p-1", RequestPurpose.DEVICE,
                        "AUTHORITY_NOT_ACTIVE", "the CA is paused"),
                new CertificateRevokedEvent("t1", "ca-1", "0A1B", "dev-1", "keyCompromise", NOW),
                new CertificateRenewalDueEvent("t1", "ca-1", "0A1B", "dev-1", "p-1", NOW),
                new CertificateExpiredEvent("t1", "ca-1", "0A1B", "dev-1", "p-1", NOW),
                new AuditRecordedEvent("t1", "ca-service", 1, "admin", "CA_CREATED", "ca-1", "SUCCESS", NOW,
                        "00", "ff", "aa"));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void roundTripsEveryEventWithItsMetadata(StratusEvent data) {
        CloudEvent event = CloudEvent.of("/stratus/test", data);

        CloudEvent decoded = EventCodec.decode(EventCodec.encode(event));

        assertEquals(event, decoded);
        assertEquals(data, decoded.data());
        assertEquals("t1", decoded.tenant());
        assertEquals(CloudEvent.SCHEMA_VERSION, decoded.schemaVersion());
        assertEquals(EventType.of(data).topic(), decoded.topic());
        assertTrue(decoded.topic().matches("stratus\\.[a-z.]+\\.v1"), decoded.topic());
    }

    @Test
    void anAssignmentWithoutTheDeviceKeySettingsStillDecodes() {
        String json = EventCodec.encode(CloudEvent.of("/stratus/test", new ProfileAssignedEvent("t1", "dev-1", "as-1", "p-1",
                "ca-1", "http://localhost/scep/t1/ca-1", List.of(), POLICY, 20, "c2VhbGVk", "ab12", NOW)))
                .replace(",\"keyStorageProvider\":null", "").replace(",\"hashAlgorithm\":null", "");
        ProfileAssignedEvent decoded = (ProfileAssignedEvent) EventCodec.decode(json).data();
        assertEquals(null, decoded.hashAlgorithm());
        assertEquals("dev-1", decoded.deviceId());
    }

    @Test
    void aPolicyWithoutRenewalThresholdOrMinutesStillDecodes() {
        String json = EventCodec.encode(CloudEvent.of("/stratus/test", new CertificateRequestedEvent("t1", "tx-1",
                "ca-1", "dev-1", "as-1", "p-1", RequestPurpose.DEVICE, "Y3Ny", POLICY, null)))
                .replace(",\"renewalThresholdPercent\":20", "").replace(",\"validityMinutes\":30", "");
        IssuancePolicy decoded = ((CertificateRequestedEvent) EventCodec.decode(json).data()).policy();
        assertEquals(null, decoded.renewalThresholdPercent());
        assertEquals(null, decoded.validityMinutes());
        assertEquals(365, decoded.validityDays());
    }

    @Test
    void decodeKnownSkipsUnknownTypesAndRefusesGarbage() {
        CloudEvent event = CloudEvent.of("/stratus/test", new CertificateRevokedEvent("t1", "ca-1", "0A1B", "dev-1",
                "keyCompromise", NOW));
        String json = EventCodec.encode(event);
        assertEquals(event, EventCodec.decodeKnown(json).orElseThrow());
        assertTrue(EventCodec.decodeKnown(json.replace("io.stratus.certificate.revoked", "io.stratus.future.thing")).isEmpty());
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.decodeKnown("not json"));
    }

    @Test
    void everyEventTypeIsCoveredByTheRoundTrip() {
        assertEquals(EventType.values().length, everyEvent().map(EventType::of).distinct().count());
    }

    @Test
    void encodedEventCarriesCloudEventsAttributes() throws Exception {
        CloudEvent event = CloudEvent.of("/stratus/ca-service",
                new CertificateRevokedEvent("t1", "ca-1", "0A1B", "dev-1", "keyCompromise", NOW));

        var json = EventCodec.mapper().readTree(EventCodec.encode(event));

        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("io.stratus.certificate.revoked", json.get("type").asText());
        assertEquals("/stratus/ca-service", json.get("source").asText());
        assertEquals("t1", json.get("tenant").asText());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals(event.time().toString(), json.get("time").asText());
        assertEquals("0A1B", json.get("data").get("serialNumber").asText());
    }

    @Test
    void rejectsMalformedMessagesAsPoison() {
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.decode("not json"));
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.decode("[1,2]"));
        assertThrows(EventCodec.MalformedEventException.class,
                () -> EventCodec.decode("{\"type\":\"io.stratus.profile.unassigned\",\"data\":{}}"));
        assertThrows(EventCodec.MalformedEventException.class, () -> EventCodec.decode(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"time\":\"yesterday\","
                        + "\"type\":\"io.stratus.profile.unassigned\",\"data\":{\"tenant\":\"t\"}}"));
        assertThrows(EventType.UnknownEventTypeException.class,
                () -> EventCodec.decode("{\"type\":\"io.example.other\",\"data\":{}}"));
    }

    @Test
    void deadLetterTopicsFollowTheNamingRule() {
        assertEquals("stratus.certificates.dlq.v1", Topics.deadLetter(Topics.CERTIFICATES));
        assertEquals(10, Topics.allWithDeadLetters().size());
        assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter("other"));
    }
}
