package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.quarkus.vertx.VertxContextSupport;
import io.stratus.ca.service.audit.AuditSealing;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TopicReader;
import io.stratus.events.AuditRecordedEvent;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.platform.audit.AuditChain;
import io.stratus.platform.audit.AuditVerification;
import io.stratus.platform.audit.AuditVerifier;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** The hash-chained audit log: what is recorded, the events, and verification after tampering with plain SQL. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class AuditTest {

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditSealing sealing;

    private static String tenant() {
        return "audit-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String auditor(String tenant) {
        return CaApi.token(Set.of(Roles.AUDIT_READ), tenant);
    }

    private static JsonPath verify(String tenant) {
        return given().auth().oauth2(auditor(tenant)).post("/api/v1/tenants/{t}/audit/verify", tenant)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Root, issuing CA, one certificate, its revocation, pause: five records. */
    private static String fiveRecords(String tenant, TopicReader certificates) {
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String issuingId = (String) CaApi.createIssuing(tenant, rootId).get("id");
        CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(certificates, tenant, issuingId);
        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "keyCompromise").then().statusCode(200);
        CaApi.lifecycle(tenant, issuingId, "pause").then().statusCode(200);
        return issuingId;
    }

    @Test
    void operationsAreRecordedChainedAndPublished() {
        String tenant = tenant();
        String issuingId;
        try (TopicReader certificates = new TopicReader(Topics.CERTIFICATES)) {
            issuingId = fiveRecords(tenant, certificates);
        }
        JsonPath log = given().auth().oauth2(auditor(tenant)).get("/api/v1/tenants/{t}/audit", tenant)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("AUTHORITY_CREATED", "AUTHORITY_CREATED", "CERTIFICATE_ISSUED", "CERTIFICATE_REVOKED",
                "AUTHORITY_PAUSED"), log.getList("items.action"));
        assertEquals(List.of("tester", "tester", "system", "tester", "tester"), log.getList("items.actor"));
        assertEquals(List.of(1, 2, 3, 4, 5), log.getList("items.sequence"));
        assertEquals("0".repeat(64), log.getString("items[0].previousHash"));
        assertEquals(log.getString("items[0].hash"), log.getString("items[1].previousHash"));
        assertEquals("authority:" + issuingId, log.getString("items[4].target"));

        given().auth().oauth2(auditor(tenant)).queryParam("after", 3).queryParam("limit", 1)
                .get("/api/v1/tenants/{t}/audit", tenant).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].sequence", equalTo(4)).body("next", equalTo(4));

        AuditRecordedEvent event = (AuditRecordedEvent) Kafka.decode(Kafka.await(Topics.AUDIT,
                r -> r.key().equals(tenant) && r.value().contains("AUTHORITY_PAUSED"))).data();
        assertEquals(5, event.sequence());
        assertEquals(log.getString("items[4].hash"), event.hash());
        assertEquals("ca-service", event.service());

        JsonPath result = verify(tenant);
        assertEquals(true, result.getBoolean("valid"));
        assertEquals(5, result.getInt("records"));
    }

    @Test
    void refusedChangesOfTheTenantsCallersAreRecordedOthersAreNot() {
        String tenant = tenant();
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        CaApi.delete(tenant, rootId).then().statusCode(409); // a root is deleted only when paused
        String reader = CaApi.token(Set.of(Roles.CA_READ), tenant);
        given().auth().oauth2(reader).post("/api/v1/tenants/{t}/authorities/{id}/pause", tenant, rootId)
                .then().statusCode(403); // a role that may not pause
        String stranger = CaApi.admin("another-" + tenant);
        given().auth().oauth2(stranger).post("/api/v1/tenants/{t}/authorities/{id}/pause", tenant, rootId)
                .then().statusCode(403); // a token of another tenant
        given().post("/api/v1/tenants/{t}/authorities/{id}/pause", tenant, rootId).then().statusCode(401);
        given().auth().oauth2(reader).get("/api/v1/tenants/{t}/authorities/{id}", tenant, "no-such-ca")
                .then().statusCode(404); // reads are not changes

        JsonPath log = given().auth().oauth2(auditor(tenant)).get("/api/v1/tenants/{t}/audit", tenant)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("AUTHORITY_CREATED", "REQUEST_REFUSED", "REQUEST_REFUSED"), log.getList("items.action"));
        assertEquals("DELETE /api/v1/tenants/" + tenant + "/authorities/" + rootId, log.getString("items[1].target"));
        assertEquals("REFUSED 409 Conflict", log.getString("items[1].outcome"));
        assertEquals("REFUSED 403 Forbidden", log.getString("items[2].outcome"));
        assertEquals("tester", log.getString("items[1].actor"));
        assertEquals(true, verify(tenant).getBoolean("valid"));

        String longId = "x".repeat(400);
        given().auth().oauth2(reader).post("/api/v1/tenants/{t}/authorities/{id}/pause", tenant, longId).then().statusCode(403);
        JsonPath after = given().auth().oauth2(auditor(tenant)).get("/api/v1/tenants/{t}/audit", tenant)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(4, after.getList("items").size(), "a refusal with a long path is still recorded");
        String target = after.getString("items[3].target");
        assertEquals(300, target.length(), target);
        assertEquals(true, target.startsWith("POST /api/v1/tenants/" + tenant + "/authorities/xxx") && target.contains("(sha256 "),
                target);
    }

    @Test
    void appendOnlyForTheApplication() throws Exception {
        String tenant = tenant();
        CaApi.createRoot(tenant);
        assertThrows(SQLException.class, () -> Database.execute(
                "update audit_record set outcome = 'FAILED' where tenant = ?", tenant));
        assertThrows(SQLException.class, () -> Database.execute("delete from audit_record where tenant = ?", tenant));
        // nor emptied in one statement, nor cut from its head (verification checks the chain's end against it)
        assertThrows(SQLException.class, () -> Database.execute("truncate audit_record"));
        assertThrows(SQLException.class, () -> Database.execute("truncate audit_head"));
        assertThrows(SQLException.class, () -> Database.execute("delete from audit_head where tenant = ?", tenant));
        assertEquals(1, Database.count("select count(*) from audit_head where tenant = ?", tenant));
        // the application's role does not own the tables: it can neither turn the triggers off nor bypass them
        assertThrows(SQLException.class, () -> Database.execute("alter table audit_record disable trigger user"));
        assertThrows(SQLException.class, () -> Database.execute("alter table audit_record owner to current_user"));
        try (Connection app = Database.connect(); Statement session = app.createStatement()) {
            assertThrows(SQLException.class, () -> session.execute("set session_replication_role = replica"));
        }
        assertEquals(0, Database.count("select count(*) from information_schema.role_table_grants where grantee ="
                + " current_user and table_name = 'audit_record' and privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')"),
                "no right to change, delete or truncate records");
        assertEquals(0, Database.count("select count(*) from information_schema.role_table_grants where grantee ="
                + " current_user and table_name = 'flyway_schema_history'"), "the schema history is the owner's");
        assertEquals(true, verify(tenant).getBoolean("valid"));
    }

    /**
     * A busy tenant: records appended after verification read the chain's head are beyond it, not a changed last
     * record. Before, verification read past the head it had read and reported CHANGED.
     */
    @Test
    void recordsAppendedDuringVerificationAreLeftForTheNextOne() throws Throwable {
        String tenant = tenant();
        CaApi.createRoot(tenant);
        CaApi.createRoot(tenant);
        String headHash;
        try (Connection db = Database.connect();
                PreparedStatement head = db.prepareStatement("select last_hash from audit_head where tenant = ?")) {
            head.setString(1, tenant);
            try (java.sql.ResultSet rs = head.executeQuery()) {
                rs.next();
                headHash = rs.getString(1);
            }
        }
        CaApi.createRoot(tenant); // appended while a verification that read head 2 is paging

        AuditVerification asOfHead = VertxContextSupport.subscribeAndAwait(() -> verifier.verifyUpTo(tenant, 2, headHash));
        assertEquals(AuditVerification.ok(2), asOfHead);
        assertEquals(3, verify(tenant).getInt("records"));
    }

    /**
     * A busy tenant again: a verification that read head 2 finds record 3 already on the audit topic when it reaches
     * the checkpoint. The head has moved on to 3 meanwhile and record 3 is the topic's, so nothing is missing. Before,
     * verification reported record 3 missing: a false alarm of tampering on every busy tenant.
     */
    @Test
    void aCheckpointBeyondTheHeadReadAtTheStartIsNoAlarmWhenTheHeadMovedOnToIt() throws Throwable {
        String tenant = tenant();
        try (TopicReader audit = new TopicReader(Topics.AUDIT)) {
            for (int i = 0; i < 3; i++) {
                CaApi.createRoot(tenant);
            }
            awaitPublished(audit, tenant, 3);
        }
        AuditVerification upToTwo = VertxContextSupport.subscribeAndAwait(() -> verifier.againstCheckpoint(tenant, 2,
                AuditVerification.ok(2)));
        assertEquals(true, upToTwo.valid());
        assertEquals("matched", upToTwo.checkpoint().status());
        assertEquals(3L, upToTwo.checkpoint().sequence());
    }

    @Test
    void verifySaysWhichRecordWasChangedOrDeleted() throws Exception {
        String tenant = tenant();
        try (TopicReader certificates = new TopicReader(Topics.CERTIFICATES)) {
            fiveRecords(tenant, certificates);
        }
        tamper("update audit_record set actor = 'mallory' where tenant = ? and sequence = 4", tenant);
        JsonPath changed = verify(tenant);
        assertEquals(false, changed.getBoolean("valid"));
        assertEquals(4, changed.getInt("firstBadSequence"));
        assertEquals("changed", changed.getString("problem"));

        tamper("update audit_record set actor = 'tester' where tenant = ? and sequence = 4", tenant);
        assertEquals(true, verify(tenant).getBoolean("valid"), "the original value restores the chain");

        tamper("delete from audit_record where tenant = ? and sequence = 2", tenant);
        JsonPath missing = verify(tenant);
        assertEquals(false, missing.getBoolean("valid"));
        assertEquals(2, missing.getInt("firstBadSequence"));
        assertEquals("missing", missing.getString("problem"));
    }

    @Test
    void deletingTheLastRecordIsNoticed() throws Exception {
        String tenant = tenant();
        CaApi.createRoot(tenant);
        CaApi.createRoot(tenant);
        tamper("delete from audit_record where tenant = ? and sequence = 2", tenant);
        JsonPath missing = verify(tenant);
        assertEquals(2, missing.getInt("firstBadSequence"));
        assertEquals("missing", missing.getString("problem"));
    }

    @Test
    void auditNeedsAuditReadForTheTenant() {
        String tenant = tenant();
        given().auth().oauth2(auditor(tenant)).get("/api/v1/tenants/{t}/audit", tenant).then().statusCode(200);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_READ, Roles.CA_MANAGE), tenant))
                .get("/api/v1/tenants/{t}/audit", tenant).then().statusCode(403);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_READ), tenant))
                .post("/api/v1/tenants/{t}/audit/verify", tenant).then().statusCode(403);
        given().auth().oauth2(auditor("other")).post("/api/v1/tenants/{t}/audit/verify", tenant)
                .then().statusCode(403);
        given().post("/api/v1/tenants/{t}/audit/verify", tenant).then().statusCode(401);
        given().get("/api/v1/tenants/{t}/audit", tenant).then().statusCode(401);
        given().auth().oauth2(auditor(tenant)).queryParam("limit", 5000).get("/api/v1/tenants/{t}/audit", tenant)
                .then().statusCode(400);
    }

    /**
     * An intruder with table rights who knows the chain's rule: changes record 4 and recomputes the hash chain from
     * there to the head. Before records were sealed, verification found nothing.
     */
    @Test
    void aRecordRewrittenWithItsHashChainRecomputedIsNoticed() throws Exception {
        String tenant = tenant();
        try (TopicReader certificates = new TopicReader(Topics.CERTIFICATES)) {
            fiveRecords(tenant, certificates);
        }
        rewriteChainFrom(tenant, 4, "mallory");
        JsonPath changed = verify(tenant);
        assertEquals(false, changed.getBoolean("valid"));
        assertEquals(4, changed.getInt("firstBadSequence"));
        assertEquals("changed", changed.getString("problem"));
    }

    /** A long chain is checked in calls of at most limit records, each continuing after the last one's next. */
    @Test
    void verificationComesInPagesThatContinueWhereTheLastEnded() throws Exception {
        String tenant = tenant();
        try (TopicReader certificates = new TopicReader(Topics.CERTIFICATES)) {
            fiveRecords(tenant, certificates);
        }
        JsonPath first = verifyPage(tenant, null, 2);
        assertEquals(true, first.getBoolean("valid"));
        assertEquals(2, first.getInt("records"));
        assertEquals(2, first.getInt("next"));
        JsonPath second = verifyPage(tenant, 2L, 2);
        assertEquals(4, second.getInt("records"));
        assertEquals(4, second.getInt("next"));
        JsonPath last = verifyPage(tenant, 4L, 2);
        assertEquals(true, last.getBoolean("valid"));
        assertEquals(5, last.getInt("records"));
        assertEquals(null, last.getString("next"), "the head was reached");

        tamper("update audit_record set actor = 'mallory' where tenant = ? and sequence = 4", tenant);
        assertEquals(4, verifyPage(tenant, 2L, 2).getInt("firstBadSequence"));
        assertEquals(4, verifyPage(tenant, 4L, 2).getInt("firstBadSequence"), "a changed record is no place to resume");
        assertEquals(true, verifyPage(tenant, null, 2).getBoolean("valid"), "records 1 and 2 are intact");

        given().auth().oauth2(auditor(tenant)).queryParam("after", 9).post("/api/v1/tenants/{t}/audit/verify", tenant)
                .then().statusCode(400);
        given().auth().oauth2(auditor(tenant)).queryParam("limit", 0).post("/api/v1/tenants/{t}/audit/verify", tenant)
                .then().statusCode(400);
    }

    private static JsonPath verifyPage(String tenant, Long after, int limit) {
        var request = given().auth().oauth2(auditor(tenant)).queryParam("limit", limit);
        if (after != null) {
            request = request.queryParam("after", after);
        }
        return request.post("/api/v1/tenants/{t}/audit/verify", tenant).then().statusCode(200).extract().jsonPath();
    }

    /**
     * The head replayed: records removed and the head set back to values it really had earlier (seal included), which
     * the database alone cannot tell from the truth. The newest record on the audit topic, outside the database, can.
     */
    @Test
    void aReplayedHeadIsNoticedAgainstTheAuditTopic() throws Exception {
        String tenant = tenant();
        String[] savedHead = new String[2];
        try (TopicReader audit = new TopicReader(Topics.AUDIT)) {
            for (int i = 0; i < 3; i++) {
                CaApi.createRoot(tenant);
            }
            awaitPublished(audit, tenant, 3);
            JsonPath intact = verify(tenant);
            assertEquals(true, intact.getBoolean("valid"));
            assertEquals("matched", intact.getString("checkpoint.status"));
            assertEquals(3, intact.getInt("checkpoint.sequence"));

            try (Connection db = Database.connect(); PreparedStatement head = db.prepareStatement(
                    "select last_hash, mac from audit_head where tenant = ?")) {
                head.setString(1, tenant);
                try (ResultSet row = head.executeQuery()) {
                    row.next();
                    savedHead[0] = row.getString(1);
                    savedHead[1] = row.getString(2);
                }
            }
            CaApi.createRoot(tenant);
            CaApi.createRoot(tenant);
            awaitPublished(audit, tenant, 5);
        }
        tamper("delete from audit_record where tenant = ? and sequence = 5", tenant);
        tamper("delete from audit_record where tenant = ? and sequence = 4", tenant);
        try (Connection db = Database.connectAsSuperuser(); Statement session = db.createStatement();
                PreparedStatement head = db.prepareStatement(
                        "update audit_head set last_sequence = 3, last_hash = ?, mac = ? where tenant = ?")) {
            session.execute("set session_replication_role = replica");
            head.setString(1, savedHead[0]);
            head.setString(2, savedHead[1]);
            head.setString(3, tenant);
            assertEquals(1, head.executeUpdate());
        }

        JsonPath replayed = verify(tenant);
        assertEquals(false, replayed.getBoolean("valid"));
        assertEquals(4, replayed.getInt("firstBadSequence"));
        assertEquals("missing", replayed.getString("problem"));
        assertEquals("ahead", replayed.getString("checkpoint.status"));
        assertEquals(5, replayed.getInt("checkpoint.sequence"));
    }

    /**
     * Sealing at start seals only what was written before seals existed: the application's role cannot add a record
     * without a seal, nor take a head's seal away, set it back or give it to another tenant. Before, a record inserted
     * with a recomputed hash and no seal, and the head moved onto it without one, were both sealed at the next start.
     */
    @Test
    void aRecordWithoutASealIsRefusedAndAHeadOnlyMovesForwardWithItsSeal() throws Throwable {
        String tenant = tenant();
        CaApi.createRoot(tenant);
        CaApi.createRoot(tenant);
        String last;
        try (Connection db = Database.connect(); PreparedStatement head = db.prepareStatement(
                "select last_hash from audit_head where tenant = ?")) {
            head.setString(1, tenant);
            try (ResultSet row = head.executeQuery()) {
                row.next();
                last = row.getString(1);
            }
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String forged = AuditChain.hash(last, tenant, 3, "intruder", "TEST", "forged", "SUCCESS", at);
        SQLException unsealed = assertThrows(SQLException.class, () -> {
            try (Connection db = Database.connect(); PreparedStatement insert = db.prepareStatement(
                    "insert into audit_record (tenant, sequence, actor, action, target, outcome, at, previous_hash,"
                            + " hash) values (?, 3, 'intruder', 'TEST', 'forged', 'SUCCESS', ?, ?, ?)")) {
                insert.setString(1, tenant);
                insert.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setString(3, last);
                insert.setString(4, forged);
                insert.executeUpdate();
            }
        });
        assertTrue(unsealed.getMessage().contains("audit_record_sealed"), unsealed.getMessage());
        assertThrows(SQLException.class, () -> Database.execute(
                "update audit_head set last_sequence = 3, last_hash = 'x', mac = null where tenant = ?", tenant));
        assertThrows(SQLException.class, () -> Database.execute(
                "update audit_head set mac = null where tenant = ?", tenant));
        assertThrows(SQLException.class, () -> Database.execute(
                "update audit_head set last_sequence = 1, last_hash = (select hash from audit_record r where"
                        + " r.tenant = audit_head.tenant and r.sequence = 1) where tenant = ?", tenant));
        assertThrows(SQLException.class, () -> Database.execute(
                "update audit_head set tenant = tenant || '-gone' where tenant = ?", tenant));

        assertEquals(0, (int) VertxContextSupport.subscribeAndAwait(() -> sealing.sealUnsealed()));
        assertEquals(2, Database.count("select last_sequence from audit_head where tenant = ?", tenant));
        assertEquals(true, verify(tenant).getBoolean("valid"));
    }

    /**
     * Events on the audit topic that are not the chain's newest do not stand in for it: one with a made-up sequence
     * and no genuine seal, then 1,200 copies of the chain's first (genuine) event, as rows written into the outbox
     * would publish them. Before, the made-up sequence was taken as the newest (reported "unsealed", and the chain
     * valid), and the copies pushed the real newest out of the part of the topic that was read.
     */
    @Test
    void madeUpAndRepeatedEventsOnTheTopicDoNotHideTheNewestCheckpoint() throws Exception {
        String tenant = tenant();
        String first;
        try (TopicReader audit = new TopicReader(Topics.AUDIT)) {
            CaApi.createRoot(tenant);
            first = audit.await(r -> tenant.equals(r.key()) && r.value().contains("\"sequence\":1,")).value();
            CaApi.createRoot(tenant);
            CaApi.createRoot(tenant);
            awaitPublished(audit, tenant, 3);
        }
        String madeUp = first.replace("\"sequence\":1,", "\"sequence\":999,");
        List<String> events = new java.util.ArrayList<>(List.of(madeUp));
        for (int i = 0; i < 1200; i++) {
            events.add(first);
        }
        Kafka.sendAll(Topics.AUDIT, tenant, events);

        JsonPath checked = verify(tenant);
        assertEquals(true, checked.getBoolean("valid"));
        assertEquals("matched", checked.getString("checkpoint.status"));
        assertEquals(3, checked.getInt("checkpoint.sequence"));
    }

    /** The last record and the chain's head both removed: the chain alone looks whole; the audit topic says not. */
    @Test
    void aRemovedHeadIsNoticedAgainstTheAuditTopic() throws Exception {
        String tenant = tenant();
        try (TopicReader audit = new TopicReader(Topics.AUDIT)) {
            CaApi.createRoot(tenant);
            CaApi.createRoot(tenant);
            awaitPublished(audit, tenant, 2);
        }
        tamper("delete from audit_record where tenant = ? and sequence = 2", tenant);
        tamper("delete from audit_head where tenant = ?", tenant);

        JsonPath removed = verify(tenant);
        assertEquals(false, removed.getBoolean("valid"));
        assertEquals(2, removed.getInt("firstBadSequence"));
        assertEquals("missing", removed.getString("problem"));
        assertEquals("ahead", removed.getString("checkpoint.status"));
    }

    private static void awaitPublished(TopicReader audit, String tenant, long sequence) {
        ConsumerRecord<String, String> record = audit.await(r -> tenant.equals(r.key())
                && r.value().contains("\"sequence\":" + sequence + ","));
        assertTrue(Kafka.decode(record).data() instanceof AuditRecordedEvent);
    }

    /** The last record deleted and the head moved back onto the one before, as if it had never been written. */
    @Test
    void aChainCutShortWithItsHeadMovedBackIsNoticed() throws Exception {
        String tenant = tenant();
        CaApi.createRoot(tenant);
        CaApi.createRoot(tenant);
        tamper("delete from audit_record where tenant = ? and sequence = 2", tenant);
        tamper("update audit_head set last_sequence = 1, last_hash = (select hash from audit_record r where"
                + " r.tenant = audit_head.tenant and r.sequence = 1) where tenant = ?", tenant);
        JsonPath missing = verify(tenant);
        assertEquals(false, missing.getBoolean("valid"));
        assertEquals(2, missing.getInt("firstBadSequence"));
        assertEquals("missing", missing.getString("problem"));
    }

    /** Records and a head written before seals existed are sealed once their chain verifies, and only then. */
    @Test
    void recordsWrittenBeforeSealsAreSealedWhenTheirChainVerifies() throws Throwable {
        String intact = tenant();
        String broken = tenant();
        writeUnsealedChain(intact, List.of("one", "two", "three"), false);
        writeUnsealedChain(broken, List.of("one", "two", "three"), true);
        assertEquals(false, verify(intact).getBoolean("valid"), "an unsealed record does not verify");

        VertxContextSupport.subscribeAndAwait(() -> sealing.sealUnsealed());

        assertEquals(true, verify(intact).getBoolean("valid"));
        assertEquals(3, verify(intact).getInt("records"));
        assertEquals(0, Database.count("select count(*) from audit_record where tenant = ? and mac is null", intact));
        JsonPath stillBroken = verify(broken);
        assertEquals(false, stillBroken.getBoolean("valid"));
        assertEquals(2, stillBroken.getInt("firstBadSequence"));
        assertEquals(2, Database.count("select count(*) from audit_record where tenant = ? and mac is null", broken),
                "the record that does not verify and the one after it stay unsealed");
        // the seal is the one change the trigger allows: a sealed record stays as it is
        assertThrows(SQLException.class, () -> Database.execute(
                "update audit_record set mac = null where tenant = ? and sequence = 1", intact));
    }

    /** A chain as written before records were sealed; {@code breakSecond}: record 2's hash does not match. */
    private static void writeUnsealedChain(String tenant, List<String> actors, boolean breakSecond)
            throws SQLException {
        String previous = AuditChain.GENESIS_HASH;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection db = Database.connectAsSuperuser(); Statement session = db.createStatement();
                PreparedStatement insert = db.prepareStatement("insert into audit_record (tenant, sequence, actor,"
                        + " action, target, outcome, at, previous_hash, hash) values (?, ?, ?, 'TEST', 'legacy',"
                        + " 'SUCCESS', ?, ?, ?)");
                PreparedStatement head = db.prepareStatement("insert into audit_head (tenant, last_sequence,"
                        + " last_hash) values (?, ?, ?)")) {
            // as a database from before seals holds them: records and a head without seals
            db.setAutoCommit(false);
            session.execute("alter table audit_record drop constraint audit_record_sealed");
            session.execute("set local session_replication_role = replica");
            for (int i = 0; i < actors.size(); i++) {
                long sequence = i + 1;
                String hash = AuditChain.hash(previous, tenant, sequence, actors.get(i), "TEST", "legacy", "SUCCESS",
                        at);
                insert.setString(1, tenant);
                insert.setLong(2, sequence);
                insert.setString(3, breakSecond && sequence == 2 ? "someone else" : actors.get(i));
                insert.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setString(5, previous);
                insert.setString(6, hash);
                insert.executeUpdate();
                previous = hash;
            }
            head.setString(1, tenant);
            head.setLong(2, actors.size());
            head.setString(3, previous);
            head.executeUpdate();
            session.execute("alter table audit_record add constraint audit_record_sealed check (mac is not null)"
                    + " not valid");
            db.commit();
        }
    }

    /** Changes the actor of record {@code from} and recomputes every hash after it, up to the head. */
    private static void rewriteChainFrom(String tenant, long from, String actor) throws SQLException {
        try (Connection db = Database.connectAsSuperuser(); Statement session = db.createStatement()) {
            session.execute("set session_replication_role = replica");
            String previous;
            try (PreparedStatement before = db.prepareStatement(
                    "select hash from audit_record where tenant = ? and sequence = ?")) {
                before.setString(1, tenant);
                before.setLong(2, from - 1);
                try (ResultSet row = before.executeQuery()) {
                    row.next();
                    previous = row.getString(1);
                }
            }
            try (PreparedStatement rows = db.prepareStatement("select sequence, actor, action, target, outcome, at"
                    + " from audit_record where tenant = ? and sequence >= ? order by sequence");
                    PreparedStatement update = db.prepareStatement("update audit_record set actor = ?,"
                            + " previous_hash = ?, hash = ? where tenant = ? and sequence = ?")) {
                rows.setString(1, tenant);
                rows.setLong(2, from);
                List<Object[]> chain = new java.util.ArrayList<>();
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next()) {
                        chain.add(new Object[] {row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getString(5), row.getObject(6, OffsetDateTime.class).toInstant()});
                    }
                }
                for (Object[] record : chain) {
                    long sequence = (Long) record[0];
                    String newActor = sequence == from ? actor : (String) record[1];
                    String hash = AuditChain.hash(previous, tenant, sequence, newActor, (String) record[2],
                            (String) record[3], (String) record[4], (Instant) record[5]);
                    update.setString(1, newActor);
                    update.setString(2, previous);
                    update.setString(3, hash);
                    update.setString(4, tenant);
                    update.setLong(5, sequence);
                    update.executeUpdate();
                    previous = hash;
                }
            }
            try (PreparedStatement head = db.prepareStatement("update audit_head set last_hash = ? where tenant = ?")) {
                head.setString(1, previous);
                head.setString(2, tenant);
                head.executeUpdate();
            }
        }
    }

    /** Plain SQL as an intruder with table rights would run it, with the append-only trigger off for the session. */
    private static void tamper(String sql, String tenant) throws SQLException {
        try (Connection db = Database.connectAsSuperuser(); Statement session = db.createStatement();
                PreparedStatement change = db.prepareStatement(sql)) {
            session.execute("set session_replication_role = replica");
            change.setString(1, tenant);
            assertEquals(1, change.executeUpdate(), sql);
        }
    }
}
