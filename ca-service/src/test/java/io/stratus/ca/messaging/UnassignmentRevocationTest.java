package io.stratus.ca.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.TenantWithIssuingCa;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventType;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.events.RequestPurpose;
import io.stratus.testkit.StratusTestResource;

/**
 * ProfileUnassigned on Kafka: when the profile revokes on unassignment, the certificates issued for that assignment
 * are revoked (cessationOfOperation, audited, CertificateRevoked); otherwise they stay valid.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnassignmentRevocationTest {

    private TenantWithIssuingCa world;
    private String tenant;
    private String issuingId;
    private TopicReader certificateEvents;

    @BeforeEach
    void setUp() {
        if (world == null) {
            world = TenantWithIssuingCa.create("unassign");
            tenant = world.tenant;
            issuingId = world.issuingId;
            certificateEvents = world.certificateEvents;
        }
    }

    @AfterAll
    void tearDown() {
        world.close();
    }

    /** Issues a device certificate for the assignment through Kafka; returns its serial (hex). */
    private String issue(String deviceId, String assignmentId) {
        return issue(deviceId, assignmentId, null);
    }

    /** As {@link #issue(String, String)}, for a request accepted at {@code requestedAt}. */
    private String issue(String deviceId, String assignmentId, Instant requestedAt) {
        return issue(deviceId, assignmentId, requestedAt, null);
    }

    /** As {@link #issue(String, String, Instant)}, relying on the assignment as announced at {@code assignedAt}. */
    private String issue(String deviceId, String assignmentId, Instant requestedAt, Instant assignedAt) {
        String tx = "tx-" + UUID.randomUUID();
        KeyPair key = KeyAlgorithm.RSA_2048.generate();
        String publicKey = Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
        IssuancePolicy policy = new IssuancePolicy("CN=" + deviceId, List.of(), KeySpec.rsa(2048),
                List.of("1.3.6.1.5.5.7.3.2"), List.of("digitalSignature"), 365);
        Kafka.send(CloudEvent.of("/stratus/enrollment-service", new CertificateRequestedEvent(tenant, tx, issuingId,
                deviceId, assignmentId, "profile-" + assignmentId, RequestPurpose.DEVICE, publicKey, policy, null, requestedAt,
                assignedAt)));
        ConsumerRecord<String, String> record = certificateEvents.await(
                r -> r.value().contains("\"transactionId\":\"" + tx + "\""));
        CertificateIssuedEvent issued = (CertificateIssuedEvent) Kafka.decode(record).data();
        return issued.serialNumber();
    }

    /**
     * Waits until every unassignment of the device sent so far was handled completely: a later revoking unassignment
     * of the same device (same partition, so handled after them) has revoked its marker certificate.
     */
    private void awaitEarlierEventsHandled(String deviceId) throws Exception {
        String later = "asg-later-" + UUID.randomUUID();
        String marker = issue(deviceId, later);
        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, deviceId, later, "profile-" + later, true)));
        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and status = 'REVOKED'", marker));
    }

    /** Revocations of the device's certificates in the audit log, all by the unassignment. */
    private long auditedRevocations(String deviceId) throws Exception {
        return Database.count("select count(*) from audit_record a join issued_certificate c"
                + " on a.target = 'certificate:' || c.authority_id || '/' || c.serial_hex"
                + " where a.tenant = ? and a.action = 'CERTIFICATE_REVOKED' and c.device_id = ?"
                + " and a.actor = 'profile-service (profile unassigned)'", tenant, deviceId);
    }

    private static long statusCount(String serial, String status) throws Exception {
        return Database.count("select count(*) from issued_certificate where serial_hex = ? and status = ?", serial,
                status);
    }

    @Test
    void aProfileThatRevokesOnUnassignmentRevokesTheAssignmentsCertificates() throws Exception {
        String device = "device-" + UUID.randomUUID();
        String revoking = "asg-revoke-" + UUID.randomUUID();
        String keeping = "asg-keep-" + UUID.randomUUID();
        List<String> revoked = new ArrayList<>(List.of(issue(device, revoking), issue(device, revoking)));
        String kept = issue(device, keeping);

        // same device, so the same partition: the keeping event is handled before the revoking one
        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, device, keeping, "profile-" + keeping, false)));
        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, device, revoking, "profile-" + revoking, true)));

        for (String serial : revoked) {
            assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                    + " and status = 'REVOKED' and revocation_reason = 'cessationOfOperation'", serial), serial);
            ConsumerRecord<String, String> event = certificateEvents.await(r -> r.value().contains("revoked")
                    && r.value().contains("\"serialNumber\":\"" + serial + "\""));
            assertTrue(Kafka.decode(event).data() instanceof CertificateRevokedEvent);
        }
        assertEquals(1, statusCount(kept, "ISSUED"), "the other assignment's certificate stays valid");
        assertEquals(2, auditedRevocations(device));

        // redelivered: nothing more happens (a later revoking event of the same device shows both were handled)
        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, device, revoking, "profile-" + revoking, true)));
        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, device, keeping, "profile-" + keeping, false)));
        awaitEarlierEventsHandled(device);
        assertEquals(3, auditedRevocations(device), "two revocations, then the marker's, nothing for the redelivery");
        assertEquals(1, statusCount(kept, "ISSUED"));
    }

    @Test
    void aDeviceLeavingTheGroupRevokesItsOwnCertificatesOnly() throws Exception {
        String leaving = "device-" + UUID.randomUUID();
        String staying = "device-" + UUID.randomUUID();
        String assignment = "asg-group-" + UUID.randomUUID();
        String revoked = issue(leaving, assignment);
        String kept = issue(staying, assignment);

        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, leaving, assignment, "profile-" + assignment, true)));
        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and status = 'REVOKED'", revoked));
        // a later unassignment of the leaving device (same partition) shows the first one was handled completely
        awaitEarlierEventsHandled(leaving);
        assertEquals(1, statusCount(kept, "ISSUED"), "the other device of the group keeps its certificate");
    }

    /**
     * An unassignment that ca-service handles late (lag, a redelivery): the device was assigned again meanwhile and
     * holds a certificate requested after the end; only what was requested before the end is revoked. Before, every
     * certificate of the device's assignment was.
     */
    @Test
    void anUnassignmentHandledLateLeavesTheCertificatesOfTheNextAssignmentAlone() throws Exception {
        String device = "device-" + UUID.randomUUID();
        String assignment = "asg-late-" + UUID.randomUUID();
        Instant endedAt = Instant.now().minus(1, ChronoUnit.HOURS);
        String requestedBefore = issue(device, assignment, endedAt.minus(1, ChronoUnit.HOURS));
        String requestedAfter = issue(device, assignment, endedAt.plus(30, ChronoUnit.MINUTES));

        ProfileUnassignedEvent late = new ProfileUnassignedEvent(tenant, device, assignment, "profile-" + assignment,
                true);
        Kafka.send(new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "/stratus/profile-service",
                EventType.of(late).cloudEventType(), endedAt, tenant, CloudEvent.SCHEMA_VERSION, late));
        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and status = 'REVOKED'", requestedBefore));
        // a later unassignment of the device (same partition) shows the late one was handled completely
        awaitEarlierEventsHandled(device);
        assertEquals(1, statusCount(requestedAfter, "ISSUED"), "requested after the end: stays valid");
    }

    /**
     * The first revocation fails once (the database refuses it): the others are still revoked, and the failed one is
     * retried. Before, the first failure stopped the rest and sent the event to the dead-letter topic: both
     * certificates stayed valid.
     */
    @Test
    void aRevocationThatFailsOnceIsRetriedAndDoesNotStopTheOthers() throws Exception {
        String device = "device-" + UUID.randomUUID();
        String assignment = "asg-retry-" + UUID.randomUUID();
        String failing = issue(device, assignment);
        String other = issue(device, assignment);
        String name = "fail_once_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection db = Database.connectAsSuperuser(); Statement sql = db.createStatement()) {
            sql.execute("create sequence " + name);
            // security definer: it runs as its creator, who owns the sequence
            sql.execute("create function " + name + "() returns trigger language plpgsql security definer as $$ begin"
                    + " if nextval('" + name + "') = 1 then raise exception 'refused once for the test'; end if;"
                    + " return new; end $$");
            sql.execute("create trigger " + name + " before update on issued_certificate for each row"
                    + " when (old.serial_hex = '" + failing + "') execute function " + name + "()");
        }
        try {
            Kafka.send(CloudEvent.of("/stratus/profile-service",
                    new ProfileUnassignedEvent(tenant, device, assignment, "profile-" + assignment, true)));
            for (String serial : List.of(failing, other)) {
                assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                        + " and status = 'REVOKED'", serial), serial);
            }
            assertEquals(2, auditedRevocations(device));
        } finally {
            try (Connection db = Database.connectAsSuperuser(); Statement sql = db.createStatement()) {
                sql.execute("drop trigger " + name + " on issued_certificate");
                sql.execute("drop function " + name + "()");
                sql.execute("drop sequence " + name);
            }
        }
    }

    /**
     * A renewal accepted after the end, before enrollment-service had read the ProfileUnassigned: its request is newer
     * than the end, but the assignment it relies on was announced before it. It is revoked, whichever of the end and
     * the certificate ca-service handles first. Before, comparing the request's time, it stayed valid.
     */
    @Test
    void aCertificateRelyingOnAnEndedAssignmentIsRevokedThoughRequestedAfterTheEnd() throws Exception {
        Instant announced = Instant.now().minus(2, ChronoUnit.HOURS);
        Instant acceptedAfterTheEnd = Instant.now().plus(1, ChronoUnit.HOURS);
        String endedFirst = "device-" + UUID.randomUUID();
        String assignment = "asg-gap-" + UUID.randomUUID();
        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, endedFirst, assignment, "profile-" + assignment, true)));
        assertEquals(1, Database.awaitCount(1, "select count(*) from ended_assignment where device_id = ?", endedFirst));
        String signedAfter = issue(endedFirst, assignment, acceptedAfterTheEnd, announced);
        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and status = 'REVOKED'", signedAfter), "the end came first");

        String storedFirst = "device-" + UUID.randomUUID();
        String signedBefore = issue(storedFirst, assignment, acceptedAfterTheEnd, announced);
        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, storedFirst, assignment, "profile-" + assignment, true)));
        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and status = 'REVOKED'", signedBefore), "the certificate came first");
    }

    @Test
    void aCertificateRequestedBeforeTheAssignmentEndedAndSignedAfterIsRevoked() throws Exception {
        String device = "device-" + UUID.randomUUID();
        String assignment = "asg-ended-" + UUID.randomUUID();
        Instant beforeTheEnd = Instant.now().minus(1, ChronoUnit.HOURS);
        Instant afterTheEnd = Instant.now().plus(1, ChronoUnit.HOURS);
        Kafka.send(CloudEvent.of("/stratus/profile-service",
                new ProfileUnassignedEvent(tenant, device, assignment, "profile-" + assignment, true)));
        assertEquals(1, Database.awaitCount(1, "select count(*) from ended_assignment where device_id = ?", device));

        String onItsWay = issue(device, assignment, beforeTheEnd);
        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and status = 'REVOKED' and revocation_reason = 'cessationOfOperation'", onItsWay));
        ConsumerRecord<String, String> event = certificateEvents.await(r -> r.value().contains("revoked")
                && r.value().contains("\"serialNumber\":\"" + onItsWay + "\""));
        assertTrue(Kafka.decode(event).data() instanceof CertificateRevokedEvent);

        // assigned again after the end: a new request is not affected
        String reassigned = issue(device, assignment, afterTheEnd);
        String marker = issue(device, assignment, beforeTheEnd);
        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and status = 'REVOKED'", marker), "the marker, handled after the reassigned request");
        assertEquals(1, statusCount(reassigned, "ISSUED"), "requested after the end: stays valid");
    }
}
