package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.quarkus.vertx.VertxContextSupport;
import io.stratus.ca.service.audit.AuditVerification;
import io.stratus.ca.service.audit.AuditVerifier;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TopicReader;
import io.stratus.events.AuditRecordedEvent;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** The hash-chained audit log: what is recorded, the events, and verification after tampering with plain SQL. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class AuditTest {

    @Inject
    AuditVerifier verifier;

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

    /** Plain SQL as an intruder with table rights would run it, with the append-only trigger off for the session. */
    private static void tamper(String sql, String tenant) throws SQLException {
        try (Connection db = Database.connect(); Statement session = db.createStatement();
                PreparedStatement change = db.prepareStatement(sql)) {
            session.execute("set session_replication_role = replica");
            change.setString(1, tenant);
            assertEquals(1, change.executeUpdate(), sql);
        }
    }
}
