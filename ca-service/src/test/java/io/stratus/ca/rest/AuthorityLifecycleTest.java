package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.AuthorityStatusChangedEvent;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.StratusEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;

/** Pause, resume, revoke and delete in Intune's order, with the events, the parent CRL and the 409 answers. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityLifecycleTest {

    private TopicReader outcomes;
    private TopicReader authorityEvents;

    @BeforeEach
    void readers() {
        if (outcomes == null) {
            outcomes = new TopicReader(Topics.CERTIFICATES);
            authorityEvents = new TopicReader(Topics.AUTHORITIES);
        }
    }

    @AfterAll
    void close() {
        outcomes.close();
        authorityEvents.close();
    }

    private static String tenant() {
        return "life-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private AuthorityStatusChangedEvent statusEvent(String authorityId, AuthorityStatus status) {
        return (AuthorityStatusChangedEvent) Kafka.decode(authorityEvents.await(r -> {
            StratusEvent data = Kafka.decode(r).data();
            return data instanceof AuthorityStatusChangedEvent
                    && ((AuthorityStatusChangedEvent) data).authorityId().equals(authorityId)
                    && ((AuthorityStatusChangedEvent) data).status() == status;
        })).data();
    }

    @Test
    void pausedCaIssuesNothingButServesCrlAndAia() {
        String tenant = tenant();
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String issuingId = (String) CaApi.createIssuing(tenant, rootId).get("id");

        CaApi.lifecycle(tenant, issuingId, "pause").then().statusCode(200).body("status", org.hamcrest.Matchers
                .equalTo("PAUSED"));
        assertEquals("paused", statusEvent(issuingId, AuthorityStatus.PAUSED).reason());

        StratusEvent refused = Leaves.request(outcomes, tenant, issuingId);
        assertTrue(refused instanceof CertificateRejectedEvent, "a paused CA issues nothing: " + refused);
        assertEquals("AUTHORITY_NOT_ACTIVE", ((CertificateRejectedEvent) refused).reason());
        given().get("/pki/{t}/{id}/crl", tenant, issuingId).then().statusCode(200);
        given().get("/pki/{t}/{id}/ca.cer", tenant, issuingId).then().statusCode(200);

        CaApi.lifecycle(tenant, issuingId, "pause").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already PAUSED"));
        CaApi.lifecycle(tenant, issuingId, "resume").then().statusCode(200).body("status",
                org.hamcrest.Matchers.equalTo("ACTIVE"));
        statusEvent(issuingId, AuthorityStatus.ACTIVE);
        assertTrue(Leaves.request(outcomes, tenant, issuingId) instanceof CertificateIssuedEvent);
        CaApi.lifecycle(tenant, issuingId, "resume").then().statusCode(409)
                .body("detail", containsString("already ACTIVE"));
    }

    @Test
    void issuingCaUnderPausedRootIsRefused() {
        String tenant = tenant();
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        CaApi.lifecycle(tenant, rootId, "pause").then().statusCode(200);
        CaApi.post(tenant, CaApi.admin(tenant), CaApi.issuingBody(rootId, "Under Paused", 2, "EC_P256",
                List.of("CLIENT_AUTH"))).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("PAUSED"));
    }

    @Test
    void revokeAndDeleteFollowIntunesOrder() {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        String rootId = (String) root.get("id");
        Map<String, Object> issuing = CaApi.createIssuing(tenant, rootId);
        String issuingId = (String) issuing.get("id");
        CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(outcomes, tenant, issuingId);
        CertificateIssuedEvent live = (CertificateIssuedEvent) Leaves.request(outcomes, tenant, issuingId);

        CaApi.lifecycle(tenant, issuingId, "revoke").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("pause it first"));
        CaApi.delete(tenant, issuingId).then().statusCode(409).body("detail", containsString("revoked"));
        CaApi.lifecycle(tenant, issuingId, "pause").then().statusCode(200);
        CaApi.lifecycle(tenant, rootId, "pause").then().statusCode(200);
        CaApi.lifecycle(tenant, rootId, "revoke").then().statusCode(409)
                .body("detail", containsString(issuingId));

        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "cessationOfOperation").then().statusCode(200);
        given().auth().oauth2(CaApi.manager(tenant)).contentType("application/json")
                .body(Map.of("reason", "superseded"))
                .post("/api/v1/tenants/{t}/authorities/{id}/revoke", tenant, issuingId)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("REVOKED"))
                .body("revocationReason", org.hamcrest.Matchers.equalTo("superseded"));
        assertEquals("superseded", statusEvent(issuingId, AuthorityStatus.REVOKED).reason());
        // the certificate still live was revoked with its CA and its reason; the one revoked before keeps its own
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/certificates/{s}", tenant,
                live.serialNumber()).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("REVOKED"))
                .body("revocationReason", org.hamcrest.Matchers.equalTo("superseded"));
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/certificates/{s}", tenant,
                leaf.serialNumber()).then().statusCode(200)
                .body("revocationReason", org.hamcrest.Matchers.equalTo("cessationOfOperation"));
        String issuingCrl = OpenSsl.run("crl", "-inform", "DER", "-in", TempFiles.write("issuing", ".crl",
                given().get("/pki/{t}/{id}/crl", tenant, issuingId).then().statusCode(200).extract().asByteArray())
                .toString(), "-noout", "-text");
        assertTrue(issuingCrl.contains("Serial Number: " + live.serialNumber())
                && issuingCrl.contains("Serial Number: " + leaf.serialNumber()), issuingCrl);
        CaApi.lifecycle(tenant, issuingId, "resume").then().statusCode(409).body("detail", containsString("REVOKED"));

        byte[] rootCrl = given().get("/pki/{t}/{id}/crl", tenant, rootId).then().statusCode(200).extract()
                .asByteArray();
        String text = OpenSsl.run("crl", "-inform", "DER", "-in", TempFiles.write("root", ".crl", rootCrl).toString(),
                "-noout", "-verify", "-CAfile", TempFiles.write("root", ".pem", (String) root.get("certificatePem"))
                        .toString(), "-text");
        assertTrue(text.contains("verify OK"), text);
        assertTrue(text.contains("Serial Number: " + issuing.get("serialNumber")), text);
        assertTrue(text.contains("Superseded"), text);

        CaApi.delete(tenant, rootId).then().statusCode(409).body("detail", containsString("delete them first"));
        CaApi.delete(tenant, issuingId).then().statusCode(204);
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities/{id}", tenant, issuingId)
                .then().statusCode(404);
        given().get("/pki/{t}/{id}/crl", tenant, rootId).then().statusCode(200);
        AuthorityStatusChangedEvent deleted = statusEvent(issuingId, AuthorityStatus.REVOKED);
        assertEquals("DELETED", deleted.reason());
        CaApi.delete(tenant, rootId).then().statusCode(204);
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities", tenant)
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void activeRootIsNotDeleted() {
        String tenant = tenant();
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        CaApi.delete(tenant, rootId).then().statusCode(409).body("detail", containsString("pause it first"));
        CaApi.lifecycle(tenant, "no-such-ca", "pause").then().statusCode(404);
        given().auth().oauth2(CaApi.manager(tenant)).contentType("application/json")
                .body(Map.of("reason", "removeFromCRL"))
                .post("/api/v1/tenants/{t}/authorities/{id}/revoke", tenant, rootId)
                .then().statusCode(400).body("detail", containsString("removeFromCRL"));
    }

    @Test
    void lifecycleNeedsCaManageForTheTenant() {
        String tenant = tenant();
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String path = "/api/v1/tenants/{t}/authorities/{id}/pause";
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_CREATE, Roles.CA_READ, Roles.CERT_REVOKE), tenant))
                .post(path, tenant, rootId).then().statusCode(403);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_MANAGE), "other-tenant"))
                .post(path, tenant, rootId).then().statusCode(403).contentType("application/problem+json");
        given().post(path, tenant, rootId).then().statusCode(401);
        given().delete("/api/v1/tenants/{t}/authorities/{id}", tenant, rootId).then().statusCode(401);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_READ), tenant))
                .delete("/api/v1/tenants/{t}/authorities/{id}", tenant, rootId).then().statusCode(403);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_MANAGE), tenant))
                .post(path, tenant, rootId).then().statusCode(200);
    }
}
