package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.stratus.ca.support.CaApi;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;

/** RBAC matrix: right role and tenant, wrong role, other tenant, no token, for creating and for reading. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityAccessTest {

    private final String tenant = "rbac-" + UUID.randomUUID().toString().substring(0, 8);
    private String rootId;

    /** Once per class, but after Quarkus pointed RestAssured at the test port (not yet done in @BeforeAll). */
    @BeforeEach
    void createRoot() {
        if (rootId != null) {
            return;
        }
        rootId = (String) CaApi.createRoot(tenant).get("id");
    }

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    private static Object newRoot() {
        return CaApi.rootBody("RBAC Root", 5, "EC_P256", List.of());
    }

    @Test
    void createNeedsCaCreateForTheTenant() {
        CaApi.post(tenant, CaApi.token(Set.of(Roles.CA_CREATE), tenant), newRoot()).then().statusCode(201);
        CaApi.post(tenant, CaApi.token(Set.of(Roles.CA_CREATE), "*"), newRoot()).then().statusCode(201);
        CaApi.post(tenant, CaApi.token(Set.of(Roles.CA_READ, Roles.CA_MANAGE), tenant), newRoot())
                .then().statusCode(403);
        CaApi.post(tenant, CaApi.token(Set.of(Roles.CA_CREATE), "another-tenant"), newRoot())
                .then().statusCode(403).contentType("application/problem+json");
        as(null).contentType("application/json").body(newRoot())
                .post("/api/v1/tenants/{t}/authorities", tenant).then().statusCode(401);
        as("not.a.jwt").contentType("application/json").body(newRoot())
                .post("/api/v1/tenants/{t}/authorities", tenant).then().statusCode(401);
        // signed by the trusted key and with every right, but meant for another system
        String otherAudience = io.stratus.testkit.JwtIssuer.forTests().token("tester", Set.of(Roles.CA_CREATE),
                Set.of(tenant), java.time.Duration.ofMinutes(5), "another-system");
        as(otherAudience).contentType("application/json").body(newRoot())
                .post("/api/v1/tenants/{t}/authorities", tenant).then().statusCode(401);
    }

    @Test
    void readNeedsCaReadForTheTenant() {
        List<String> paths = List.of("/api/v1/tenants/{t}/authorities",
                "/api/v1/tenants/{t}/authorities/" + rootId,
                "/api/v1/tenants/{t}/authorities/" + rootId + "/certificate",
                "/api/v1/tenants/{t}/authorities/" + rootId + "/chain");
        String reader = CaApi.token(Set.of(Roles.CA_READ), tenant);
        String wrongRole = CaApi.token(Set.of(Roles.CA_CREATE, Roles.PROFILE_READ), tenant);
        String otherTenant = CaApi.token(Set.of(Roles.CA_READ), "another-tenant");
        for (String path : paths) {
            as(reader).get(path, tenant).then().statusCode(200);
            as(wrongRole).get(path, tenant).then().contentType("application/problem+json");
            as(wrongRole).get(path, tenant).then().statusCode(403);
            as(otherTenant).get(path, tenant).then().statusCode(403).contentType("application/problem+json");
            as(null).get(path, tenant).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        }
    }

    @Test
    void publicDownloadsNeedNoToken() {
        as(null).get("/pki/{t}/{id}/ca.cer", tenant, rootId).then().statusCode(200);
        as(null).get("/pki/{t}/{id}/crl", tenant, rootId).then().statusCode(200);
    }
}
