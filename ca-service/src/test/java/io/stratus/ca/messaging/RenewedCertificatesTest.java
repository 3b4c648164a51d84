package io.stratus.ca.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.TenantWithIssuingCa;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;
import io.stratus.events.RequestPurpose;
import io.stratus.testkit.StratusTestResource;

/**
 * A renewal's CertificateRequested names the certificate it renews: once the successor is issued, the renewed one is
 * marked superseded by it (and stays valid), or, when the policy says so, revoked with reason superseded (audited,
 * CertificateRevoked). A redelivered renewal changes nothing more.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewedCertificatesTest {

    private TenantWithIssuingCa world;
    private String tenant;
    private String issuingId;
    private TopicReader certificateEvents;

    @BeforeEach
    void setUp() {
        if (world == null) {
            world = TenantWithIssuingCa.create("renewed");
            tenant = world.tenant;
            issuingId = world.issuingId;
            certificateEvents = world.certificateEvents;
        }
    }

    @AfterAll
    void tearDown() {
        world.close();
    }

    private CertificateRequestedEvent request(String deviceId, String renews, boolean revokeRenewed) {
        KeyPair key = KeyAlgorithm.RSA_2048.generate();
        IssuancePolicy policy = new IssuancePolicy("CN=" + deviceId, List.of(), KeySpec.rsa(2048),
                List.of("1.3.6.1.5.5.7.3.2"), List.of("digitalSignature"), 365, revokeRenewed);
        return new CertificateRequestedEvent(tenant, "tx-" + UUID.randomUUID(), issuingId, deviceId, "asg-1",
                "profile-1", RequestPurpose.DEVICE, Base64.getEncoder().encodeToString(key.getPublic().getEncoded()),
                policy, renews);
    }

    /** Sends the request and returns the serial (hex) of the certificate issued for it. */
    private String issue(CertificateRequestedEvent request) {
        Kafka.send(CloudEvent.of("/stratus/enrollment-service", request));
        ConsumerRecord<String, String> record = certificateEvents.await(
                r -> r.value().contains("\"transactionId\":\"" + request.transactionId() + "\""));
        return ((CertificateIssuedEvent) Kafka.decode(record).data()).serialNumber();
    }

    @Test
    void aRenewedCertificateIsSupersededAndRevokedOnlyWhenThePolicySays() throws Exception {
        String device = "device-" + UUID.randomUUID();
        String first = issue(request(device, null, false));
        String second = issue(request(device, first, false));

        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and superseded_by = ?", first, second));
        assertEquals(1, Database.count("select count(*) from issued_certificate where serial_hex = ? and status ="
                + " 'ISSUED' and superseded_at is not null", first), "superseded, still valid");
        Map<String, Object> shown = CaApi.certificate(tenant, first);
        assertEquals(second, shown.get("supersededBy"));
        assertNull(CaApi.certificate(tenant, second).get("supersededBy"));

        CertificateRequestedEvent revoking = request(device, second, true);
        String third = issue(revoking);
        assertEquals(1, Database.awaitCount(1, "select count(*) from issued_certificate where serial_hex = ?"
                + " and status = 'REVOKED' and revocation_reason = 'superseded' and superseded_by = ?", second, third));
        ConsumerRecord<String, String> event = certificateEvents.await(r -> r.value().contains("revoked")
                && r.value().contains("\"serialNumber\":\"" + second + "\""));
        assertTrue(Kafka.decode(event).data() instanceof CertificateRevokedEvent);
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and action ="
                + " 'CERTIFICATE_REVOKED' and actor = 'enrollment-service (certificate renewed)'", tenant));

        // the same renewal again: the same certificate, no second revocation
        assertEquals(third, issue(revoking));
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and action ="
                + " 'CERTIFICATE_REVOKED'", tenant));
        assertEquals(1, Database.count("select count(*) from issued_certificate where serial_hex = ? and status ="
                + " 'ISSUED' and superseded_by is null", third));
        assertEquals(1, Database.count("select count(*) from issued_certificate where serial_hex = ? and status ="
                + " 'ISSUED'", first), "only the certificate the revoking renewal replaced is revoked");
    }
}
