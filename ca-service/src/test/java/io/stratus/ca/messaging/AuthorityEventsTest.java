package io.stratus.ca.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.repository.SqlEventOutbox;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.crypto.KeyWrapping;
import io.stratus.crypto.Pem;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.CloudEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** AuthorityCreated events reach Kafka through the outbox, with the chain and never a key. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class AuthorityEventsTest {

    @Inject
    OutboxRelay relay;

    @Inject
    SqlEventOutbox outbox;

    private static final byte[] TEST_KEK = java.util.Base64.getDecoder()
            .decode("c3RyYXR1cy10ZXN0LWtlay0zMi1ieXRlcy1sb25nISE=");

    @Test
    void creatingCasPublishesAuthorityCreatedWithChainAndNoKey() throws Exception {
        String tenant = "events-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> root = CaApi.createRoot(tenant);
        Map<String, Object> issuing = CaApi.createIssuing(tenant, (String) root.get("id"));
        String issuingId = (String) issuing.get("id");

        ConsumerRecord<String, String> record = Kafka.await(Topics.AUTHORITIES, r -> issuingId.equals(r.key()));
        assertNoKeyMaterial(record.value());
        CloudEvent event = Kafka.decode(record);
        assertEquals("/stratus/ca-service", event.source());
        assertEquals("io.stratus.authority.created", event.type());
        assertEquals(tenant, event.tenant());
        AuthorityCreatedEvent created = (AuthorityCreatedEvent) event.data();
        assertEquals(issuingId, created.authorityId());
        assertEquals(AuthorityKind.ISSUING, created.kind());
        assertEquals(root.get("id"), created.parentId());
        assertEquals(AuthorityStatus.ACTIVE, created.status());
        assertEquals(issuing.get("certificatePem"), created.certificatePem());
        List<java.security.cert.X509Certificate> chain = Pem.certificates(created.chainPem());
        assertEquals(List.of(Pem.certificate((String) issuing.get("certificatePem")),
                Pem.certificate((String) root.get("certificatePem"))), chain);

        String rootId = (String) root.get("id");
        ConsumerRecord<String, String> rootRecord = Kafka.await(Topics.AUTHORITIES, r -> rootId.equals(r.key()));
        assertNoKeyMaterial(rootRecord.value());
        assertEquals(1, Pem.certificates(((AuthorityCreatedEvent) Kafka.decode(rootRecord).data()).chainPem()).size());

        assertEquals(1, Database.awaitCount(1,
                "select count(*) from outbox_event where event_key = ? and sent_at is not null", issuingId),
                "the outbox row is marked sent after the broker's ack");
    }

    @Test
    void keysAreStoredOnlyWrappedAndBoundToTheirCa() throws Exception {
        String tenant = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String otherId = (String) CaApi.createRoot(tenant).get("id");
        try (var db = Database.connect(); var query = db.prepareStatement(
                "select id, key_reference from authority where id in (?, ?) and key_protection = 'software'")) {
            query.setString(1, rootId);
            query.setString(2, otherId);
            ResultSet rows = query.executeQuery();
            Map<String, byte[]> wrapped = new java.util.HashMap<>();
            while (rows.next()) {
                wrapped.put(rows.getString(1), rows.getBytes(2));
            }
            byte[] blob = wrapped.get(rootId);
            assertNotNull(blob);
            assertFalse(new String(blob, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"));
            var key = KeyWrapping.unwrap(blob, TEST_KEK, "EC", rootId.getBytes(StandardCharsets.UTF_8));
            assertEquals("EC", key.getAlgorithm());
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> KeyWrapping.unwrap(blob, TEST_KEK, "EC", otherId.getBytes(StandardCharsets.UTF_8)),
                    "a wrapped key only opens with its own CA id");
        }
    }

    @Test
    void unsentOutboxRowsArePublishedLater() throws Exception {
        // A row committed but never sent, as if the process died between commit and send.
        String key = "outbox-" + UUID.randomUUID();
        String payload = authorityCreatedPayload("crash-tenant", key, "Crash");
        try (var db = Database.connect(); var insert = db.prepareStatement(
                "insert into outbox_event (topic, event_key, payload, created_at) values (?, ?, ?, now())")) {
            insert.setString(1, Topics.AUTHORITIES);
            insert.setString(2, key);
            insert.setString(3, payload);
            insert.executeUpdate();
        }
        ConsumerRecord<String, String> record = Kafka.await(Topics.AUTHORITIES, r -> key.equals(r.key()));
        assertEquals(payload, record.value());
        assertEquals(0, Database.awaitCount(0,
                "select count(*) from outbox_event where event_key = ? and sent_at is null", key),
                "the relay marks the row sent");
    }

    @Test
    void whileAnotherReplicaRelaysThisOneLeavesTheOutboxAlone() throws Exception {
        String key = "outbox-" + UUID.randomUUID();
        String payload = authorityCreatedPayload("replica-tenant", key, "Replica");
        try (var otherReplica = holdingTheRelayLock()) {
            Database.execute("insert into outbox_event (topic, event_key, payload, created_at)"
                    + " values (?, ?, ?, now())", Topics.AUTHORITIES, key, payload);

            assertEquals(0, relay.relayBatch().await().indefinitely(), "the other replica holds the relay");
            assertEquals(1, Database.count(
                    "select count(*) from outbox_event where event_key = ? and sent_at is null", key));
            otherReplica.rollback();
        }
        assertEquals(0, Database.awaitCount(0,
                "select count(*) from outbox_event where event_key = ? and sent_at is null", key),
                "relayed once the other replica let go");
        assertEquals(payload, Kafka.await(Topics.AUTHORITIES, r -> key.equals(r.key())).value());
    }

    /**
     * The outbox does not grow forever: published rows are deleted but for the newest ones, and a row not yet
     * published is never deleted, however old.
     */
    @Test
    void publishedRowsBeyondTheNewestAreDeletedUnpublishedOnesNever() throws Exception {
        String key = "outbox-" + UUID.randomUUID();
        String payload = authorityCreatedPayload("cleanup-tenant", key, "Cleanup");
        try (var otherReplica = holdingTheRelayLock()) {
            Database.execute("insert into outbox_event (topic, event_key, payload, created_at)"
                    + " values (?, ?, ?, now() - interval '30 days')", Topics.AUTHORITIES, key, payload);
            for (int i = 0; i < 30; i++) {
                Database.execute("insert into outbox_event (topic, event_key, payload, created_at, sent_at)"
                        + " values (?, ?, ?, now(), now())", Topics.AUTHORITIES, key + "-sent", payload);
            }
            String newestOfThisTest = String.valueOf(Database.count("select max(id) from outbox_event where event_key = ?",
                    key + "-sent"));
            long deleted = outbox.published().deleteAllButNewest(10, 7).await().indefinitely();

            assertTrue(deleted >= 20, "at least this test's 20 oldest published rows: " + deleted);
            assertEquals(0, Database.count("select count(*) from outbox_event where event_key = ?"
                    + " and id <= cast(? as bigint) - 10", key + "-sent", newestOfThisTest), "the older published rows are gone");
            assertEquals(10, Database.count("select count(*) from outbox_event where event_key = ?", key + "-sent"),
                    "the newest 10 stay");
            assertEquals(1, Database.count("select count(*) from outbox_event where event_key = ? and sent_at is null",
                    key), "an unpublished row stays, however old");
            otherReplica.rollback();
        }
        assertEquals(payload, Kafka.await(Topics.AUTHORITIES, r -> key.equals(r.key())).value());
    }

    /** An AuthorityCreated event of a root CA named {@code name}, as ca-service writes it to its outbox. */
    private static String authorityCreatedPayload(String tenant, String key, String name) {
        AuthorityCreatedEvent data = new AuthorityCreatedEvent(tenant, key, AuthorityKind.ROOT, null, name,
                "CN=" + name, AuthorityStatus.ACTIVE, "-", "-", Instant.now());
        return io.stratus.events.EventCodec.encode(CloudEvent.of("/stratus/ca-service", data));
    }

    /** A connection whose open transaction holds the outbox relay lock, as another replica relaying would. */
    private static java.sql.Connection holdingTheRelayLock() throws java.sql.SQLException {
        java.sql.Connection otherReplica = Database.connect();
        otherReplica.setAutoCommit(false);
        try (var lock = otherReplica.createStatement()) {
            lock.execute("select pg_advisory_xact_lock(" + SqlEventOutbox.RELAY_LOCK + ")");
        }
        return otherReplica;
    }

    private static void assertNoKeyMaterial(String json) {
        assertFalse(json.contains("PRIVATE KEY"), "no PEM private key in the event");
        assertFalse(json.toLowerCase().contains("wrapped"), "no wrapped key in the event");
        assertFalse(json.contains("\"privateKey\""), "no key field in the event");
    }
}
