package io.stratus.ca.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stratus.testkit.JwtIssuer;
import io.stratus.testkit.Roles;

/** Calls ca-service's admin API over real HTTP with test tokens. */
public final class CaApi {

    private CaApi() {
    }

    public static String token(Set<String> roles, String... tenants) {
        return JwtIssuer.forTests().token("tester", roles, Set.of(tenants), Duration.ofMinutes(30));
    }

    /** A token that may create and read CAs of {@code tenant}. */
    public static String admin(String tenant) {
        return token(Set.of(Roles.CA_CREATE, Roles.CA_READ), tenant);
    }

    public static Map<String, Object> rootBody(String commonName, int years, String keyAlgorithm, List<String> ekus) {
        return Map.of("displayName", commonName, "kind", "ROOT",
                "subject", Map.of("commonName", commonName, "organization", "Contoso", "country", "US"),
                "validityYears", years, "keyAlgorithm", keyAlgorithm, "extendedKeyUsages", ekus);
    }

    public static Map<String, Object> issuingBody(String parentId, String commonName, int years, String keyAlgorithm,
            List<String> ekus) {
        return Map.of("displayName", commonName, "kind", "ISSUING", "parentId", parentId,
                "subject", Map.of("commonName", commonName, "organization", "Contoso", "country", "US"),
                "validityYears", years, "keyAlgorithm", keyAlgorithm, "extendedKeyUsages", ekus);
    }

    public static Response post(String tenant, String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tenants/{tenant}/authorities", tenant);
    }

    /** Creates a CA and returns its JSON; fails the test unless the answer is 201. */
    public static Map<String, Object> create(String tenant, Object body) {
        return post(tenant, admin(tenant), body).then().statusCode(201).extract().jsonPath().getMap("$");
    }

    /** A fresh EC P-256 root (fast to generate) with CLIENT_AUTH and SERVER_AUTH. */
    public static Map<String, Object> createRoot(String tenant) {
        return create(tenant, rootBody("Test Root " + tenant, 10, "EC_P256", List.of("CLIENT_AUTH", "SERVER_AUTH")));
    }

    public static Map<String, Object> createIssuing(String tenant, String rootId) {
        return create(tenant, issuingBody(rootId, "Test Issuing " + tenant, 2, "EC_P256", List.of("CLIENT_AUTH")));
    }

    /** A token that may pause, resume, revoke and delete CAs and revoke certificates of {@code tenant}. */
    public static String manager(String tenant) {
        return token(Set.of(Roles.CA_MANAGE, Roles.CERT_REVOKE, Roles.CA_READ), tenant);
    }

    /** POST .../authorities/{id}/{verb} (pause, resume, revoke) with a manager token. */
    public static Response lifecycle(String tenant, String id, String verb) {
        return given().auth().oauth2(manager(tenant)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/tenants/{t}/authorities/{id}/" + verb, tenant, id);
    }

    public static Response delete(String tenant, String id) {
        return given().auth().oauth2(manager(tenant)).delete("/api/v1/tenants/{t}/authorities/{id}", tenant, id);
    }

    /** GET .../certificates/{serial} with a manager token (the certificate as the inventory shows it). */
    public static Map<String, Object> certificate(String tenant, String serial) {
        return given().auth().oauth2(manager(tenant)).get("/api/v1/tenants/{t}/certificates/{serial}", tenant, serial)
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /** POST .../certificates/{serial}/revoke with a manager token. */
    public static Response revokeCertificate(String tenant, String serial, String reason) {
        return given().auth().oauth2(manager(tenant)).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/v1/tenants/{t}/certificates/{serial}/revoke", tenant, serial);
    }
}
