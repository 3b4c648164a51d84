package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.service.CertificateDeadlines;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TopicReader;
import io.stratus.events.CertificateExpiredEvent;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.CertificateRenewalDueEvent;
import io.stratus.events.StratusEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * ca-service announces device certificates' deadlines: CertificateRenewalDue once the profile's renewal window
 * opens, CertificateExpired once a certificate that was not revoked expires; each exactly once, also when two rounds
 * (two replicas) run at the same time; nothing for revoked, superseded or threshold-less certificates. The rounds are
 * started by the test (the timer runs every minute); the clock is moved by moving the certificates' dates.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateDeadlinesTest {

    private static final String RENEWAL_DUE = "io.stratus.certificate.renewal-due";
    private static final String EXPIRED = "io.stratus.certificate.expired";

    @Inject
    CertificateDeadlines deadlines;

    private final String tenant = "deadline-" + UUID.randomUUID().toString().substring(0, 8);
    private String issuingId;
    private TopicReader certificateEvents;

    @BeforeEach
    void setUp() {
        if (issuingId != null) {
            return;
        }
        certificateEvents = new TopicReader(Topics.CERTIFICATES);
        issuingId = (String) CaApi.createIssuing(tenant, (String) CaApi.createRoot(tenant).get("id")).get("id");
    }

    @AfterAll
    void close() {
        certificateEvents.close();
    }

    @Test
    void aCertificatePastItsRenewalThresholdIsAnnouncedOnceEvenByTwoRoundsAtOnce() throws SQLException {
        CertificateIssuedEvent leaf = issue("laptop-1", 20, null);
        // the window opens with the last 20% of the 30 days: 6 days before notAfter, to the second
        assertEquals(1, Database.count("select count(*) from issued_certificate where serial_hex = ?"
                + " and abs(extract(epoch from renewal_due_at - (not_after - interval '6 days'))) < 1",
                leaf.serialNumber()));
        announce();
        assertEquals(0, announced(RENEWAL_DUE, leaf), "not due yet");

        Database.execute("update issued_certificate set renewal_due_at = now() - interval '1 minute'"
                + " where serial_hex = ?", leaf.serialNumber());
        Uni.combine().all().unis(deadlines.announceDue(), deadlines.announceDue()).discardItems()
                .await().atMost(Duration.ofSeconds(30));
        announce();
        assertEquals(1, announced(RENEWAL_DUE, leaf), "announced once across rounds");

        CertificateRenewalDueEvent due = (CertificateRenewalDueEvent) await(RENEWAL_DUE, leaf);
        assertEquals(tenant, due.tenant());
        assertEquals(issuingId, due.authorityId());
        assertEquals("laptop-1", due.deviceId());
        assertEquals("wifi", due.profileId());
        assertEquals(leaf.notAfter(), due.notAfter());
    }

    @Test
    void revokedSupersededAndThresholdlessCertificatesAreNotDueAndOnlyUnrevokedOnesExpire() throws SQLException {
        CertificateIssuedEvent revoked = issue("phone-1", 20, null);
        CertificateIssuedEvent superseded = issue("phone-2", 20, null);
        CertificateIssuedEvent noThreshold = issue("phone-3", null, null);
        given().auth().oauth2(CaApi.manager(tenant)).contentType("application/json")
                .body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/tenants/{t}/certificates/{s}/revoke", tenant, revoked.serialNumber())
                .then().statusCode(200);
        Database.execute("update issued_certificate set superseded_by = 'FFFF', superseded_at = now()"
                + " where serial_hex = ?", superseded.serialNumber());
        Database.execute("update issued_certificate set renewal_due_at = now() - interval '1 minute'"
                + " where tenant = ? and renewal_due_at is not null", tenant);
        announce();
        for (CertificateIssuedEvent leaf : new CertificateIssuedEvent[] {revoked, superseded, noThreshold}) {
            assertEquals(0, announced(RENEWAL_DUE, leaf), leaf.deviceId() + " is not due");
        }

        Database.execute("update issued_certificate set not_before = now() - interval '2 days',"
                + " not_after = now() - interval '1 minute' where tenant = ? and device_id like 'phone-%'", tenant);
        announce();
        announce();
        assertEquals(0, announced(EXPIRED, revoked), "a revoked certificate is not announced as expired");
        for (CertificateIssuedEvent leaf : new CertificateIssuedEvent[] {superseded, noThreshold}) {
            assertEquals(1, announced(EXPIRED, leaf), leaf.deviceId() + " expired once");
            CertificateExpiredEvent expired = (CertificateExpiredEvent) await(EXPIRED, leaf);
            assertEquals(leaf.deviceId(), expired.deviceId());
            assertEquals(leaf.serialNumber(), expired.serialNumber());
        }
    }

    @Test
    void aPolicyInMinutesCertifiesForMinutesAndTheRenewalWindowFollows() throws SQLException {
        Instant asked = Instant.now();
        CertificateIssuedEvent leaf = issue("tablet-1", 50, 10);
        Duration left = Duration.between(asked, leaf.notAfter());
        assertTrue(left.compareTo(Duration.ofMinutes(9)) > 0 && left.compareTo(Duration.ofMinutes(11)) < 0,
                "valid until " + leaf.notAfter() + ", asked at " + asked);
        // the last 50% of the validity (notBefore is backdated a little)
        assertEquals(1, Database.count("select count(*) from issued_certificate where serial_hex = ?"
                + " and abs(extract(epoch from renewal_due_at - (not_after - (not_after - not_before) * 0.5))) < 1",
                leaf.serialNumber()));

        StratusEvent refused = Leaves.request(certificateEvents, tenant, issuingId, "tablet-2", "wifi", 20, 1440);
        assertTrue(refused instanceof CertificateRejectedEvent, "a day or more is validityDays' job: " + refused);
        assertTrue(((CertificateRejectedEvent) refused).detail().contains("validityMinutes"), refused.toString());
    }

    private CertificateIssuedEvent issue(String deviceId, Integer thresholdPercent, Integer validityMinutes) {
        StratusEvent outcome = Leaves.request(certificateEvents, tenant, issuingId, deviceId, "wifi", thresholdPercent,
                validityMinutes);
        assertTrue(outcome instanceof CertificateIssuedEvent, outcome.toString());
        return (CertificateIssuedEvent) outcome;
    }

    private void announce() {
        deadlines.announceDue().await().atMost(Duration.ofSeconds(30));
    }

    /** How many events of the type the outbox holds for the certificate: what was announced, sent or not. */
    private static long announced(String type, CertificateIssuedEvent leaf) throws SQLException {
        return Database.count("select count(*) from outbox_event where payload like ? and payload like ?",
                "%\"" + type + "\"%", "%\"serialNumber\":\"" + leaf.serialNumber() + "\"%");
    }

    private StratusEvent await(String type, CertificateIssuedEvent leaf) {
        return Kafka.decode(certificateEvents.await(r -> r.value().contains("\"" + type + "\"")
                && r.value().contains("\"serialNumber\":\"" + leaf.serialNumber() + "\""))).data();
    }
}
