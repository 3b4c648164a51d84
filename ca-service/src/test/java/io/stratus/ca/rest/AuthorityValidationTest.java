package io.stratus.ca.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.testkit.StratusTestResource;

/** Every invalid CA creation gets a clear 400, 404 or 409 problem+json and creates nothing. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityValidationTest {

    private final String tenant = "fabrikam-" + UUID.randomUUID().toString().substring(0, 8);
    private String rootId;

    /** Once per class, but after Quarkus pointed RestAssured at the test port (not yet done in @BeforeAll). */
    @BeforeEach
    void createRoot() {
        if (rootId != null) {
            return;
        }
        rootId = (String) CaApi.create(tenant, CaApi.rootBody("Fabrikam Root", 5, "EC_P256",
                List.of("CLIENT_AUTH", "SERVER_AUTH"))).get("id");
    }

    private Map<String, Object> root(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new HashMap<>(CaApi.rootBody("Bad Root", 10, "EC_P256", List.of("CLIENT_AUTH")));
        body.put("subject", new HashMap<>((Map<?, ?>) body.get("subject")));
        change.accept(body);
        return body;
    }

    private Map<String, Object> issuing(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new HashMap<>(CaApi.issuingBody(rootId, "Bad Issuing", 2, "EC_P256",
                List.of("CLIENT_AUTH")));
        body.put("subject", new HashMap<>((Map<?, ?>) body.get("subject")));
        change.accept(body);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subject(Map<String, Object> body) {
        return (Map<String, Object>) body.get("subject");
    }

    private Response post(Object body) {
        return CaApi.post(tenant, CaApi.admin(tenant), body);
    }

    private void expect(int status, String detail, Object body) {
        post(body).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString(detail));
    }

    @Test
    void missingCommonName() {
        expect(400, "subject.commonName is required", root(b -> subject(b).remove("commonName")));
        expect(400, "subject.commonName is required", root(b -> subject(b).put("commonName", "  ")));
        expect(400, "subject is required", root(b -> b.remove("subject")));
    }

    @Test
    void badCountry() {
        expect(400, "two-letter", root(b -> subject(b).put("country", "USA")));
        expect(400, "two-letter", root(b -> subject(b).put("country", "1A")));
    }

    @Test
    void unknownKeyAlgorithm() {
        expect(400, "unknown keyAlgorithm", root(b -> b.put("keyAlgorithm", "DSA_1024")));
        expect(400, "keyAlgorithm is required", root(b -> b.remove("keyAlgorithm")));
    }

    @Test
    void rootValidityMustBeAllowedValue() {
        expect(400, "5, 10, 15, 20, 25", root(b -> b.put("validityYears", 7)));
        expect(400, "5, 10, 15, 20, 25", root(b -> b.put("validityYears", 30)));
        expect(400, "5, 10, 15, 20, 25", root(b -> b.remove("validityYears")));
    }

    @Test
    void issuingValidityMustBeAllowedValue() {
        expect(400, "2, 4, 6, 8, 10", issuing(b -> b.put("validityYears", 3)));
        expect(400, "2, 4, 6, 8, 10", issuing(b -> b.put("validityYears", 20)));
    }

    @Test
    void issuingMayNotOutliveItsRoot() {
        expect(400, "after the root CA's notAfter", issuing(b -> b.put("validityYears", 6)));
    }

    @Test
    void unknownOrAnyPurposeEku() {
        expect(400, "unknown extended key usage 'CLIENT_AUTHX'", root(b -> b.put("extendedKeyUsages",
                List.of("CLIENT_AUTHX"))));
        expect(400, "ANY_PURPOSE", root(b -> b.put("extendedKeyUsages", List.of("ANY_PURPOSE"))));
        expect(400, "ANY_PURPOSE", root(b -> b.put("extendedKeyUsages", List.of("2.5.29.37.0"))));
        expect(400, "unknown extended key usage", root(b -> b.put("extendedKeyUsages", List.of("1..2"))));
    }

    @Test
    void issuingEkusMustBeSubsetOfRoot() {
        expect(400, "subset of the root", issuing(b -> b.put("extendedKeyUsages",
                List.of("CLIENT_AUTH", "CODE_SIGNING"))));
        expect(400, "subset of the root", issuing(b -> b.put("extendedKeyUsages", List.of())));
    }

    @Test
    void kindAndParentRules() {
        expect(400, "kind must be ROOT or ISSUING", root(b -> b.put("kind", "INTERMEDIATE")));
        expect(400, "kind is required", root(b -> b.remove("kind")));
        expect(400, "a ROOT CA has no parentId", root(b -> b.put("parentId", rootId)));
        expect(400, "needs parentId", issuing(b -> b.remove("parentId")));
    }

    @Test
    void parentMustBeAnActiveRootOfThisTenant() throws Exception {
        expect(404, "does not exist in tenant", issuing(b -> b.put("parentId", UUID.randomUUID().toString())));

        String otherTenant = "other-" + UUID.randomUUID().toString().substring(0, 8);
        String foreignRoot = (String) CaApi.createRoot(otherTenant).get("id");
        expect(404, "does not exist in tenant", issuing(b -> b.put("parentId", foreignRoot)));

        String pausedTenant = "paused-" + UUID.randomUUID().toString().substring(0, 8);
        String pausedRoot = (String) CaApi.createRoot(pausedTenant).get("id");
        String issuingId = (String) CaApi.createIssuing(pausedTenant, pausedRoot).get("id");
        CaApi.post(pausedTenant, CaApi.admin(pausedTenant),
                CaApi.issuingBody(issuingId, "Third tier", 2, "EC_P256", List.of("CLIENT_AUTH")))
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("is not a ROOT CA"));

        try (var db = Database.connect(); var update = db.prepareStatement(
                "update authority set status = 'PAUSED' where id = ?")) {
            update.setString(1, pausedRoot);
            update.executeUpdate();
        }
        CaApi.post(pausedTenant, CaApi.admin(pausedTenant),
                CaApi.issuingBody(pausedRoot, "Under paused", 2, "EC_P256", List.of("CLIENT_AUTH")))
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("is PAUSED, not ACTIVE"));
    }

    @Test
    void invalidJsonAndTenant() {
        io.restassured.RestAssured.given().auth().oauth2(CaApi.admin(tenant)).contentType("application/json")
                .body("{\"kind\": ").post("/api/v1/tenants/{t}/authorities", tenant)
                .then().statusCode(400).contentType("application/problem+json");
        CaApi.post("bad tenant", CaApi.token(java.util.Set.of(CaRoles.CA_CREATE), "*"),
                CaApi.rootBody("X", 5, "EC_P256", List.of()))
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("tenant must be"));
    }

    @Test
    void invalidRequestsCreateNothing() {
        expect(400, "two-letter", root(b -> subject(b).put("country", "USA")));
        expect(400, "subset of the root", issuing(b -> b.put("extendedKeyUsages", List.of("CODE_SIGNING"))));
        io.restassured.RestAssured.given().auth().oauth2(CaApi.admin(tenant))
                .get("/api/v1/tenants/{t}/authorities", tenant).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].id", equalTo(rootId));
    }

    @Test
    void unknownIdIs404() {
        String token = CaApi.admin(tenant);
        for (String path : List.of("", "/certificate", "/chain")) {
            io.restassured.RestAssured.given().auth().oauth2(token)
                    .get("/api/v1/tenants/{t}/authorities/{id}" + path, tenant, UUID.randomUUID().toString())
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("detail", containsString("does not exist"));
        }
        io.restassured.RestAssured.given().get("/pki/{t}/{id}/crl", tenant, "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void atMostSixCasPerTenant() {
        String full = "full-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 6; i++) {
            CaApi.create(full, CaApi.rootBody("Root " + i, 5, "EC_P256", List.of()));
        }
        CaApi.post(full, CaApi.admin(full), CaApi.rootBody("Root 7", 5, "EC_P256", List.of()))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("the maximum is 6"));
        io.restassured.RestAssured.given().auth().oauth2(CaApi.admin(full))
                .get("/api/v1/tenants/{t}/authorities", full).then().statusCode(200).body("size()", equalTo(6));
    }
}
