package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.Locale;
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
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.Pem;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CrlPublishedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;

/** Revoking leaf certificates by serial: events, a re-signed CRL that OpenSSL accepts, and the 4xx answers. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateRevocationTest {

    private final String tenant = "revoke-" + UUID.randomUUID().toString().substring(0, 8);
    private Map<String, Object> issuing;
    private String issuingId;
    private TopicReader certificateEvents;
    private TopicReader authorityEvents;

    @BeforeEach
    void setUp() {
        if (issuing != null) {
            return;
        }
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        issuing = CaApi.createIssuing(tenant, rootId);
        issuingId = (String) issuing.get("id");
        certificateEvents = new TopicReader(Topics.CERTIFICATES);
        authorityEvents = new TopicReader(Topics.AUTHORITIES);
    }

    @AfterAll
    void close() {
        certificateEvents.close();
        authorityEvents.close();
    }

    private CertificateIssuedEvent issue() {
        return (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId);
    }

    /** "0A1B2C" as {@code openssl x509 -text} prints it: "0a:1b:2c". */
    private static String withColons(String hex) {
        return hex.toLowerCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }

    @Test
    void revocationReissuesTheCrlWithTheSerialAndReason() {
        byte[] before = given().get("/pki/{t}/{id}/crl", tenant, issuingId).then().statusCode(200).extract()
                .asByteArray();
        long numberBefore = crlNumber(Pem.crl(before));
        CertificateIssuedEvent leaf = issue();

        CaApi.revokeCertificate(tenant, withColons(leaf.serialNumber()), "keyCompromise").then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revocationReason", equalTo("keyCompromise"))
                .body("serialNumber", equalTo(leaf.serialNumber()));

        CertificateRevokedEvent revoked = (CertificateRevokedEvent) Kafka.decode(certificateEvents.await(
                r -> r.value().contains("io.stratus.certificate.revoked") && r.value().contains(leaf.serialNumber())))
                .data();
        assertEquals("keyCompromise", revoked.reason());
        assertEquals(issuingId, revoked.authorityId());
        assertEquals(leaf.deviceId(), revoked.deviceId());
        CrlPublishedEvent published = (CrlPublishedEvent) Kafka.decode(authorityEvents.await(
                r -> Kafka.decode(r).data() instanceof CrlPublishedEvent
                        && ((CrlPublishedEvent) Kafka.decode(r).data()).authorityId().equals(issuingId)
                        && ((CrlPublishedEvent) Kafka.decode(r).data()).crlNumber() > numberBefore)).data();
        assertEquals(issuing.get("crlUrl"), published.crlUrl());

        byte[] der = given().get("/pki/{t}/{id}/crl", tenant, issuingId).then().statusCode(200).extract()
                .asByteArray();
        X509CRL crl = Pem.crl(der);
        // the number grows (delta CRLs take numbers from the same sequence, RFC 5280 5.2.3)
        assertEquals(published.crlNumber(), crlNumber(crl), "the CRL the publisher signed after the revocation");
        assertEquals(Duration.ofDays(7), Duration.between(crl.getThisUpdate().toInstant(),
                crl.getNextUpdate().toInstant()));
        String text = OpenSsl.run("crl", "-inform", "DER", "-in", TempFiles.write("leaf", ".crl", der).toString(),
                "-noout", "-verify", "-CAfile",
                TempFiles.write("issuing", ".pem", (String) issuing.get("certificatePem")).toString(), "-text");
        assertTrue(text.contains("verify OK"), text);
        assertTrue(text.contains("Serial Number: " + leaf.serialNumber()), text);
        assertTrue(text.contains("Key Compromise"), text);
        assertTrue(text.contains("X509v3 Authority Key Identifier"), text);

        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "superseded").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already revoked"));
        given().auth().oauth2(CaApi.admin(tenant))
                .get("/api/v1/tenants/{t}/certificates/{s}", tenant, leaf.serialNumber())
                .then().statusCode(200).body("status", equalTo("REVOKED"))
                .body("certificatePem", containsString("BEGIN CERTIFICATE"));
    }

    private static long crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue("2.5.29.20");
        return new java.math.BigInteger(1, java.util.Arrays.copyOfRange(value, 4, value.length)).longValue();
    }

    @Test
    void badRevocationsAreRefused() {
        CertificateIssuedEvent leaf = issue();
        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "removeFromCRL").then().statusCode(400)
                .body("detail", containsString("removeFromCRL"));
        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "tired").then().statusCode(400)
                .body("detail", containsString("keyCompromise"));
        CaApi.revokeCertificate(tenant, "not-hex", "keyCompromise").then().statusCode(400);
        CaApi.revokeCertificate(tenant, "0123456789ABCDEF", "keyCompromise").then().statusCode(404);
        given().auth().oauth2(CaApi.manager(tenant)).contentType("application/json").body(Map.of())
                .post("/api/v1/tenants/{t}/certificates/{s}/revoke", tenant, leaf.serialNumber())
                .then().statusCode(200).body("revocationReason", equalTo("unspecified"));
    }

    @Test
    void serialOfTwoCasNeedsAuthorityId() throws Exception {
        CertificateIssuedEvent leaf = issue();
        String otherId = (String) CaApi.createIssuing(tenant, (String) issuing.get("parentId")).get("id");
        Database.execute("insert into issued_certificate (id, tenant, authority_id, serial_hex, transaction_id,"
                + " purpose, subject_dn, not_before, not_after, certificate_der, status, created_at)"
                + " select ?, tenant, ?, serial_hex, ?, purpose, subject_dn, not_before, not_after, certificate_der,"
                + " status, created_at from issued_certificate where serial_hex = ? and authority_id = ?",
                UUID.randomUUID().toString(), otherId, "copy-" + UUID.randomUUID(), leaf.serialNumber(), issuingId);
        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "superseded").then().statusCode(409)
                .body("detail", containsString("authorityId"));
        given().auth().oauth2(CaApi.manager(tenant)).contentType("application/json")
                .body(Map.of("reason", "superseded")).queryParam("authorityId", issuingId)
                .post("/api/v1/tenants/{t}/certificates/{s}/revoke", tenant, leaf.serialNumber())
                .then().statusCode(200).body("authorityId", equalTo(issuingId));
    }

    @Test
    void inventoryPagesByKeysetAndFilters() {
        String ca = (String) CaApi.createIssuing(tenant, (String) issuing.get("parentId")).get("id");
        CertificateIssuedEvent first = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, ca);
        CertificateIssuedEvent second = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, ca);
        CertificateIssuedEvent third = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, ca);
        CaApi.revokeCertificate(tenant, second.serialNumber(), "affiliationChanged").then().statusCode(200);
        String reader = CaApi.token(Set.of(Roles.CA_READ), tenant);
        String path = "/api/v1/tenants/{t}/certificates";

        var page1 = given().auth().oauth2(reader).queryParam("authorityId", ca).queryParam("limit", 2)
                .get(path, tenant).then().statusCode(200).body("items.size()", equalTo(2))
                .body("items[0].serialNumber", equalTo(first.serialNumber()))
                .body("items[1].serialNumber", equalTo(second.serialNumber()))
                .body("items[0].certificatePem", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath();
        String next = page1.getString("next");
        given().auth().oauth2(reader).queryParam("authorityId", ca).queryParam("limit", 2).queryParam("after", next)
                .get(path, tenant).then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].serialNumber", equalTo(third.serialNumber()))
                .body("next", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(reader).queryParam("authorityId", ca).queryParam("status", "revoked")
                .get(path, tenant).then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].revocationReason", equalTo("affiliationChanged"));
        given().auth().oauth2(reader).queryParam("deviceId", third.deviceId())
                .get(path, tenant).then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].serialNumber", equalTo(third.serialNumber()));
        given().auth().oauth2(reader).queryParam("after", "garbage").get(path, tenant).then().statusCode(400);
        given().auth().oauth2(reader).queryParam("limit", 0).get(path, tenant).then().statusCode(400);
        given().auth().oauth2(reader).queryParam("status", "EXPIRED").get(path, tenant).then().statusCode(400);
    }

    @Test
    void certificateEndpointsCheckRoleAndTenant() {
        String serial = issue().serialNumber();
        String revokePath = "/api/v1/tenants/{t}/certificates/{s}/revoke";
        String readPath = "/api/v1/tenants/{t}/certificates/{s}";
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_READ, Roles.CA_MANAGE), tenant)).contentType("application/json")
                .body(Map.of("reason", "superseded")).post(revokePath, tenant, serial).then().statusCode(403);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CERT_REVOKE), "other")).contentType("application/json")
                .body(Map.of("reason", "superseded")).post(revokePath, tenant, serial).then().statusCode(403);
        given().contentType("application/json").body(Map.of("reason", "superseded"))
                .post(revokePath, tenant, serial).then().statusCode(401);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CERT_REVOKE), tenant)).get(readPath, tenant, serial)
                .then().statusCode(403);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_READ), "other")).get(readPath, tenant, serial)
                .then().statusCode(403);
        given().get(readPath, tenant, serial).then().statusCode(401);
        given().get("/api/v1/tenants/{t}/certificates", tenant).then().statusCode(401);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_READ), tenant)).get(readPath, tenant, serial)
                .then().statusCode(200);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CERT_REVOKE), tenant)).contentType("application/json")
                .body(Map.of("reason", "privilegeWithdrawn")).post(revokePath, tenant, serial).then().statusCode(200);
    }
}
