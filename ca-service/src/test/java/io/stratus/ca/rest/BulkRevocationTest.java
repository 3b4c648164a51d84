package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.restassured.path.json.JsonPath;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;

/**
 * Revoking every live certificate of a device, a profile or a CA in one request: only what the filter names, each
 * with its CertificateRevoked event, one audit record with the count, the CRLs re-signed; and the refusals.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkRevocationTest {

    private TopicReader certificateEvents;

    @BeforeEach
    void readers() {
        if (certificateEvents == null) {
            certificateEvents = new TopicReader(Topics.CERTIFICATES);
        }
    }

    @AfterAll
    void close() {
        certificateEvents.close();
    }

    @Test
    void aDevicesLiveCertificatesAreRevokedAndNoOneElses() {
        String tenant = tenant();
        Map<String, Object> issuing = issuing(tenant);
        String issuingId = (String) issuing.get("id");
        CertificateIssuedEvent first = issue(tenant, issuingId, "laptop-7", "wifi");
        CertificateIssuedEvent second = issue(tenant, issuingId, "laptop-7", "vpn");
        CertificateIssuedEvent other = issue(tenant, issuingId, "laptop-8", "wifi");

        revoke(tenant, Map.of("deviceId", "laptop-7", "reason", "keyCompromise")).then().statusCode(200)
                .body("revoked", equalTo(2)).body("reason", equalTo("keyCompromise"))
                .body("authorityIds", containsInAnyOrder(issuingId));

        for (CertificateIssuedEvent revoked : List.of(first, second)) {
            certificate(tenant, revoked).body("status", equalTo("REVOKED")).body("revocationReason",
                    equalTo("keyCompromise"));
            CertificateRevokedEvent event = (CertificateRevokedEvent) Kafka.decode(certificateEvents.await(
                    r -> r.value().contains("io.stratus.certificate.revoked")
                            && r.value().contains(revoked.serialNumber()))).data();
            assertEquals("laptop-7", event.deviceId());
        }
        certificate(tenant, other).body("status", equalTo("ISSUED"));
        // nothing left to revoke: a count of 0, not an error
        revoke(tenant, Map.of("deviceId", "laptop-7")).then().statusCode(200).body("revoked", equalTo(0));

        String crl = OpenSsl.run("crl", "-inform", "DER", "-in", TempFiles.write("crl", ".crl", given()
                .get("/pki/{t}/{id}/crl", tenant, issuingId).then().statusCode(200).extract().asByteArray())
                .toString(), "-noout", "-verify", "-CAfile",
                TempFiles.write("issuing", ".pem", (String) issuing.get("certificatePem")).toString(), "-text");
        assertTrue(crl.contains("verify OK") && crl.contains("Serial Number: " + first.serialNumber())
                && crl.contains("Serial Number: " + second.serialNumber())
                && !crl.contains("Serial Number: " + other.serialNumber()), crl);

        JsonPath audit = given().auth().oauth2(CaApi.token(Set.of(Roles.AUDIT_READ), tenant))
                .get("/api/v1/tenants/{t}/audit", tenant).then().statusCode(200).extract().jsonPath();
        List<String> actions = audit.getList("items.action");
        assertEquals(2, actions.stream().filter("CERTIFICATES_REVOKED"::equals).count(), actions.toString());
        int index = actions.indexOf("CERTIFICATES_REVOKED");
        assertEquals("certificates:device=laptop-7", audit.getString("items[" + index + "].target"));
        assertTrue(audit.getString("items[" + index + "].outcome").contains("2 revoked, keyCompromise"),
                audit.getString("items[" + index + "].outcome"));
        assertTrue(actions.stream().noneMatch("CERTIFICATE_REVOKED"::equals), "one record per request: " + actions);
    }

    @Test
    void aProfileIsRevokedAcrossItsCasAndFiltersNarrowEachOther() {
        String tenant = tenant();
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String one = (String) CaApi.createIssuing(tenant, rootId).get("id");
        String two = (String) CaApi.create(tenant, CaApi.issuingBody(rootId, "Second Issuing", 2, "EC_P256",
                List.of("CLIENT_AUTH"))).get("id");
        CertificateIssuedEvent onOne = issue(tenant, one, "phone-1", "wifi");
        CertificateIssuedEvent onTwo = issue(tenant, two, "phone-2", "wifi");
        CertificateIssuedEvent otherProfile = issue(tenant, two, "phone-2", "mail");

        revoke(tenant, Map.of("profileId", "wifi", "authorityId", two)).then().statusCode(200)
                .body("revoked", equalTo(1));
        certificate(tenant, onOne).body("status", equalTo("ISSUED"));
        certificate(tenant, onTwo).body("status", equalTo("REVOKED")).body("revocationReason", equalTo("unspecified"));

        revoke(tenant, Map.of("profileId", "wifi", "reason", "superseded")).then().statusCode(200)
                .body("revoked", equalTo(1)).body("authorityIds", containsInAnyOrder(one));
        certificate(tenant, onOne).body("status", equalTo("REVOKED")).body("revocationReason", equalTo("superseded"));
        certificate(tenant, otherProfile).body("status", equalTo("ISSUED"));
    }

    @Test
    void noFilterABadReasonAndAMissingRoleAreRefused() {
        String tenant = tenant();
        revoke(tenant, Map.of("reason", "keyCompromise")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("deviceId"));
        revoke(tenant, Map.of("deviceId", "x", "reason", "tired")).then().statusCode(400)
                .body("detail", containsString("reason"));
        revoke(tenant, Map.of("deviceId", "x", "reason", "removeFromCRL")).then().statusCode(400);
        given().auth().oauth2(CaApi.admin(tenant)).contentType("application/json").body(Map.of("deviceId", "x"))
                .post("/api/v1/tenants/{t}/certificates/revoke", tenant).then().statusCode(403);
        given().auth().oauth2(CaApi.manager("another-" + tenant)).contentType("application/json")
                .body(Map.of("deviceId", "x")).post("/api/v1/tenants/{t}/certificates/revoke", tenant)
                .then().statusCode(403);
    }

    private static String tenant() {
        return "bulk-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> issuing(String tenant) {
        return CaApi.createIssuing(tenant, (String) CaApi.createRoot(tenant).get("id"));
    }

    private CertificateIssuedEvent issue(String tenant, String authorityId, String device, String profile) {
        return (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, authorityId, device, profile);
    }

    private static io.restassured.response.Response revoke(String tenant, Map<String, Object> body) {
        return given().auth().oauth2(CaApi.manager(tenant)).contentType("application/json").body(body)
                .post("/api/v1/tenants/{t}/certificates/revoke", tenant);
    }

    private static io.restassured.response.ValidatableResponse certificate(String tenant,
            CertificateIssuedEvent certificate) {
        return given().auth().oauth2(CaApi.admin(tenant))
                .get("/api/v1/tenants/{t}/certificates/{s}", tenant, certificate.serialNumber()).then().statusCode(200);
    }
}
