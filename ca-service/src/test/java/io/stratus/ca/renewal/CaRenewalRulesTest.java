package io.stratus.ca.renewal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.ExternalCas;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Renewals;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;

/** Who may renew what, and when: 409 for states that cannot renew, 400 for bad validity, RBAC on each endpoint. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class CaRenewalRulesTest {

    private static final String PROBLEM = "application/problem+json";

    private static String tenant() {
        return "renew-rules-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void revokedCaCannotRenew() {
        String tenant = tenant();
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String issuingId = (String) CaApi.createIssuing(tenant, rootId).get("id");
        CaApi.lifecycle(tenant, issuingId, "pause").then().statusCode(200);
        CaApi.lifecycle(tenant, issuingId, "revoke").then().statusCode(200);
        Renewals.renew(tenant, CaApi.admin(tenant), issuingId, Renewals.body(false, null, null)).then()
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("REVOKED"));
    }

    @Test
    void pausedCaRenewsButNotUnderAPausedParent() {
        String tenant = tenant();
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String issuingId = (String) CaApi.createIssuing(tenant, rootId).get("id");
        CaApi.lifecycle(tenant, issuingId, "pause").then().statusCode(200);
        Map<String, Object> renewed = Renewals.renew(tenant, issuingId, Renewals.body(false, null, null));
        assertEquals("PAUSED", renewed.get("status"));
        assertEquals(2, renewed.get("generation"));

        CaApi.lifecycle(tenant, rootId, "pause").then().statusCode(200);
        Renewals.renew(tenant, CaApi.admin(tenant), issuingId, Renewals.body(false, null, null)).then()
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("must be ACTIVE"));
    }

    @Test
    void onePendingRenewalAtATime() throws Exception {
        String tenant = tenant();
        String id = (String) CaApi.createRoot(tenant).get("id");
        Renewals.renew(tenant, id, Renewals.body(false, null, false));
        Renewals.renew(tenant, CaApi.admin(tenant), id, Renewals.body(true, null, false)).then().statusCode(409)
                .contentType(PROBLEM).body("detail", containsString("announced renewal"));
        assertEquals(2, Database.count("select count(*) from ca_certificate where authority_id = ?", id),
                "the refused renewal stored nothing");
    }

    @Test
    void externalCaWaitingForItsFirstSignatureCannotRenew() {
        String tenant = tenant();
        String id = (String) CaApi.create(tenant, ExternalCas.body("Fabrikam Issuing")).get("id");
        Renewals.renew(tenant, CaApi.admin(tenant), id, Renewals.body(false, null, null)).then().statusCode(409)
                .contentType(PROBLEM).body("detail", containsString("SIGNING_REQUIRED"));
    }

    @Test
    void validityMustFollowTheRulesOfCreation() {
        String tenant = tenant();
        String rootId = (String) CaApi.create(tenant, CaApi.rootBody("Short Root", 5, "EC_P256",
                List.of("CLIENT_AUTH"))).get("id");
        String issuingId = (String) CaApi.createIssuing(tenant, rootId).get("id");
        Renewals.renew(tenant, CaApi.admin(tenant), issuingId, Renewals.body(false, 6, null)).then()
                .statusCode(400).contentType(PROBLEM).body("detail", containsString("after the parent CA's notAfter"));
        Renewals.renew(tenant, CaApi.admin(tenant), issuingId, Renewals.body(false, 3, null)).then()
                .statusCode(400).contentType(PROBLEM).body("detail", containsString("[2, 4, 6, 8, 10]"));
        Renewals.renew(tenant, CaApi.admin(tenant), rootId, Renewals.body(false, 2, null)).then()
                .statusCode(400).contentType(PROBLEM);
        Renewals.activate(tenant, CaApi.admin(tenant), rootId).then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(CaApi.admin(tenant)).queryParam("generation", "zero")
                .get("/api/v1/tenants/{t}/authorities/{id}/chain", tenant, rootId).then().statusCode(400);
        given().auth().oauth2(CaApi.admin(tenant)).queryParam("generation", 7)
                .get("/api/v1/tenants/{t}/authorities/{id}/chain", tenant, rootId).then().statusCode(404);
        given().get("/pki/{t}/{id}/crl/7", tenant, rootId).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void everyCaHasItsFirstGenerationRowAndTheMigrationDecodesPem() throws Exception {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        String id = (String) root.get("id");
        try (var db = Database.connect(); var query = db.prepareStatement("select certificate_der, state, serial_hex,"
                + " decode(regexp_replace(?, '-----[A-Z ]+-----|\\s', '', 'g'), 'base64')"
                + " from ca_certificate where authority_id = ? and generation = 1")) {
            query.setString(1, (String) root.get("certificatePem"));
            query.setString(2, id);
            var row = query.executeQuery();
            org.junit.jupiter.api.Assertions.assertTrue(row.next());
            byte[] der = io.stratus.crypto.Pem.der(io.stratus.crypto.Pem.certificate((String) root.get("certificatePem")));
            org.junit.jupiter.api.Assertions.assertArrayEquals(der, row.getBytes(1));
            assertEquals("CURRENT", row.getString(2));
            assertEquals(root.get("serialNumber"), row.getString(3));
            org.junit.jupiter.api.Assertions.assertArrayEquals(der, row.getBytes(4),
                    "the V5 back-fill expression turns the stored PEM into the DER");
        }
    }

    @Test
    void unknownCaIs404() {
        String tenant = tenant();
        Renewals.renew(tenant, CaApi.admin(tenant), UUID.randomUUID().toString(), Renewals.body(false, null, null))
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void renewalEndpointsNeedTheCreateRoleForTheTenant() {
        String tenant = tenant();
        String id = (String) CaApi.createRoot(tenant).get("id");
        String wrongRole = CaApi.token(Set.of(Roles.CA_READ, Roles.CA_MANAGE), tenant);
        String wrongTenant = CaApi.token(Set.of(Roles.CA_CREATE, Roles.CA_READ), "another-tenant");
        Map<String, Object> announceOnly = Renewals.body(false, null, false);
        for (String token : List.of(wrongRole, wrongTenant)) {
            Renewals.renew(tenant, token, id, announceOnly).then().statusCode(403);
            Renewals.activate(tenant, token, id).then().statusCode(403);
            Renewals.cancel(tenant, token, id).then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(announceOnly)
                .post("/api/v1/tenants/{t}/authorities/{id}/renew", tenant, id).then().statusCode(401);
        given().post("/api/v1/tenants/{t}/authorities/{id}/renewal/activate", tenant, id).then().statusCode(401);
        given().delete("/api/v1/tenants/{t}/authorities/{id}/renewal", tenant, id).then().statusCode(401);

        String creator = CaApi.token(Set.of(Roles.CA_CREATE), tenant);
        Renewals.renew(tenant, creator, id, announceOnly).then().statusCode(200);
        Renewals.cancel(tenant, creator, id).then().statusCode(200);
        Renewals.renew(tenant, creator, id, announceOnly).then().statusCode(200);
        Renewals.activate(tenant, creator, id).then().statusCode(200);
    }
}
