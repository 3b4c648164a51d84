package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.createTrustedRoot;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.registerUser;
import static io.stratus.profile.support.Api.scepBody;
import static io.stratus.profile.support.Api.userBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Tokens;
import io.stratus.testkit.StratusTestResource;

/** Lists, edits and deletions of the inventory and profiles: RBAC, bad input, conflicts. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class InventoryCrudApiTest {

    private final String tenant = "crud-" + UUID.randomUUID().toString().substring(0, 8);

    /** One endpoint of the new surface, the role it needs, and what an allowed call answers. */
    private record Endpoint(String method, String path, String role, Object body, int allowedStatus) {
    }

    @Test
    void everyNewEndpointChecksRoleAndTenant() {
        registerDevice(tenant, DeviceIdentity.of("r-1", "R1", "S1", "WINDOWS", KeyAlgorithm.EC_P256));
        registerUser(tenant, userBody("ruth", "Ruth", "Doe"));
        String group = createGroup(tenant, "rbac");
        String t = base(tenant);
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", t + "/devices", ApiRoles.PROFILE_READ, null, 200),
                new Endpoint("GET", t + "/devices/r-1/report", ApiRoles.PROFILE_READ, null, 200),
                new Endpoint("PATCH", t + "/devices/r-1", ApiRoles.DEVICE_MANAGE, Map.of("name", "R-one"), 200),
                new Endpoint("DELETE", t + "/devices/ghost", ApiRoles.DEVICE_MANAGE, null, 404),
                new Endpoint("PATCH", t + "/users/ruth", ApiRoles.DEVICE_MANAGE, Map.of("surname", "Roe"), 200),
                new Endpoint("DELETE", t + "/users/ghost", ApiRoles.DEVICE_MANAGE, null, 404),
                new Endpoint("GET", t + "/groups", ApiRoles.PROFILE_READ, null, 200),
                new Endpoint("GET", t + "/groups/" + group + "/members", ApiRoles.PROFILE_READ, null, 200),
                new Endpoint("PUT", t + "/groups/" + group, ApiRoles.PROFILE_MANAGE, Map.of("name", "renamed"), 200),
                new Endpoint("DELETE", t + "/groups/ghost", ApiRoles.PROFILE_MANAGE, null, 404),
                new Endpoint("GET", t + "/profiles/trusted", ApiRoles.PROFILE_READ, null, 200),
                new Endpoint("PUT", t + "/profiles/trusted/ghost", ApiRoles.PROFILE_MANAGE,
                        io.stratus.profile.support.Api.trustedBody(
                                io.stratus.profile.support.TestCertificates.get().rootPem(), "COMPUTER_ROOT"), 404),
                new Endpoint("DELETE", t + "/profiles/trusted/ghost", ApiRoles.PROFILE_MANAGE, null, 404),
                new Endpoint("GET", t + "/profiles/scep", ApiRoles.PROFILE_READ, null, 200),
                new Endpoint("GET", t + "/assignments", ApiRoles.PROFILE_READ, null, 200));
        for (Endpoint endpoint : endpoints) {
            String what = endpoint.method() + " " + endpoint.path();
            String wrongRole = endpoint.role().equals(ApiRoles.PROFILE_READ) ? "ca.read" : ApiRoles.PROFILE_READ;
            assertEquals(endpoint.allowedStatus(), call(as(Tokens.of(endpoint.role(), tenant)), endpoint), what);
            assertEquals(403, call(as(Tokens.of(wrongRole, tenant)), endpoint), what + " with the wrong role");
            assertEquals(403, call(as(Tokens.of(endpoint.role(), tenant + "-other")), endpoint),
                    what + " for another tenant");
            assertEquals(401, call(as(null), endpoint), what + " without a token");
        }
    }

    private static int call(RequestSpecification spec, Endpoint endpoint) {
        if (endpoint.body() != null) {
            spec = spec.body(endpoint.body());
        }
        return spec.request(endpoint.method(), endpoint.path()).then().extract().statusCode();
    }

    @Test
    void listsPageAndBadInputIsRefusedWithProblems() {
        for (int i = 1; i <= 3; i++) {
            registerDevice(tenant, DeviceIdentity.of("l-" + i, "L" + i, "S" + i, "WINDOWS", KeyAlgorithm.EC_P256));
        }
        admin().get(base(tenant) + "/devices?limit=2&offset=1").then().statusCode(200)
                .body("id", equalTo(List.of("l-2", "l-3")));
        problem(admin().get(base(tenant) + "/devices?limit=0").then(), 400, "limit must be between 1 and 1000");
        problem(admin().get(base(tenant) + "/groups?offset=-1").then(), 400, "offset must be 0 or more");

        problem(admin().body(Map.of("platform", "MACOS")).patch(base(tenant) + "/devices/l-1").then(), 400,
                "field 'platform' cannot be changed");
        problem(admin().body(Map.of("imei", "12")).patch(base(tenant) + "/devices/l-1").then(), 400,
                "imei must be 14 to 16 digits");
        problem(admin().body(Map.of("name", 7)).patch(base(tenant) + "/devices/l-1").then(), 400,
                "must be a string or null");
        problem(admin().body(Map.of("primaryUserId", "nobody")).patch(base(tenant) + "/devices/l-1").then(), 400,
                "unknown user 'nobody'");
        problem(admin().body(Map.of()).patch(base(tenant) + "/devices/l-1").then(), 400, "at least one of");
        problem(admin().body(Map.of("name", "x")).patch(base(tenant) + "/devices/ghost").then(), 404, "ghost");
        admin().get(base(tenant) + "/devices/l-1").then().statusCode(200).body("name", equalTo("L1"));

        registerUser(tenant, userBody("u1", "U", "One"));
        registerUser(tenant, userBody("u2", "U", "Two"));
        problem(admin().body(Map.of("userPrincipalName", "u1@contoso.test")).patch(base(tenant) + "/users/u2")
                .then(), 409, "is taken");
        problem(admin().body(Map.of("email", "not-mail")).patch(base(tenant) + "/users/u2").then(), 400,
                "is not an e-mail address");

        problem(admin().body(Map.of("name", "bad", "membershipRule", "device.name -eq \"x\" -and"))
                .post(base(tenant) + "/groups").then(), 400, "at position 25");
        problem(admin().body(Map.of("name", "bad", "membershipRule", "device.owner -eq \"x\""))
                .post(base(tenant) + "/groups").then(), 400, "unknown attribute 'device.owner'");
        String group = createGroup(tenant, "zeta");
        problem(admin().body(Map.of("name", "zeta", "membershipRule", "(device.name -eq \"x\""))
                .put(base(tenant) + "/groups/" + group).then(), 400, "at position 21");
        problem(admin().body(Map.of("membershipRule", "device.name -eq \"x\""))
                .put(base(tenant) + "/groups/" + group).then(), 400, "name is required");
        admin().get(base(tenant) + "/groups").then().statusCode(200).body("name", hasItem("zeta"))
                .body("find { it.name == 'zeta' }.membershipType", equalTo("STATIC"));
    }

    @Test
    void trustedProfilesInUseCannotBeDeletedAndTheirUpdateReachesTheDevices() {
        String trusted = createTrustedRoot(tenant);
        String unused = createTrustedRoot(tenant);
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of(trusted)));
        String group = createGroup(tenant, "g");
        createAssignment(tenant, profileId, List.of(group), List.of());
        admin().get(base(tenant) + "/profiles/trusted").then().statusCode(200).body("size()", equalTo(2));
        admin().get(base(tenant) + "/profiles/scep").then().statusCode(200).body("id", equalTo(List.of(profileId)));
        admin().get(base(tenant) + "/assignments").then().statusCode(200)
                .body("profileId", equalTo(List.of(profileId)));

        problem(admin().delete(base(tenant) + "/profiles/trusted/" + trusted).then(), 409, profileId);
        admin().delete(base(tenant) + "/profiles/trusted/" + unused).then().statusCode(204);
        admin().get(base(tenant) + "/profiles/trusted/" + unused).then().statusCode(404);

        Map<String, Object> renamed = io.stratus.profile.support.Api.trustedBody(
                io.stratus.profile.support.TestCertificates.get().rootPem(), "COMPUTER_ROOT");
        renamed.put("name", "Contoso root (renamed)");
        admin().body(renamed).put(base(tenant) + "/profiles/trusted/" + trusted).then().statusCode(200)
                .body("name", equalTo("Contoso root (renamed)"));
        problem(admin().body(Map.of("name", "x")).put(base(tenant) + "/profiles/trusted/" + trusted).then(), 400,
                "platform is required");
        problem(admin().delete(base(tenant) + "/groups/" + group).then(), 409, "assignment");
    }
}
