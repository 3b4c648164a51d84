package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.deviceBody;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerUser;
import static io.stratus.profile.support.Api.userBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Tokens;
import io.stratus.testkit.StratusTestResource;

/** Users, and devices with a primary user, IMEI and Wi-Fi MAC. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class UserApiTest {

    private final String tenant = "usr-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void registersUsersAndDevicesThatBelongToThem() {
        admin().body(userBody("alice", "Alice", "Smith")).post(base(tenant) + "/users").then().statusCode(201)
                .body("id", equalTo("alice"))
                .body("userPrincipalName", equalTo("alice@contoso.test"))
                .body("email", equalTo("alice.smith@mail.contoso.test"))
                .body("givenName", equalTo("Alice"))
                .body("surname", equalTo("Smith"))
                .body("onPremDistinguishedName", equalTo("CN=Alice Smith,OU=Staff,DC=contoso,DC=test"))
                .body("onPremSamAccountName", equalTo("ALICE"));
        admin().body(Map.of("id", "bob", "userPrincipalName", "bob@contoso.test")).post(base(tenant) + "/users")
                .then().statusCode(201).body("email", equalTo(null));
        admin().get(base(tenant) + "/users").then().statusCode(200).body("id", contains("alice", "bob"));
        admin().get(base(tenant) + "/users/bob").then().statusCode(200)
                .body("userPrincipalName", equalTo("bob@contoso.test"));

        Map<String, Object> device = deviceBody(DeviceIdentity.of("phone-1", "PHONE-1", "SN1", "ANDROID",
                KeyAlgorithm.EC_P256));
        device.put("imei", "356938035643809");
        device.put("wifiMacAddress", "00-1a-2b-3c-4d-5e");
        device.put("primaryUserId", "alice");
        admin().body(device).post(base(tenant) + "/devices").then().statusCode(201)
                .body("imei", equalTo("356938035643809"))
                .body("wifiMacAddress", equalTo("00:1A:2B:3C:4D:5E"))
                .body("primaryUserId", equalTo("alice"));
        admin().get(base(tenant) + "/devices/phone-1").then().statusCode(200)
                .body("primaryUserId", equalTo("alice"));
    }

    @Test
    void badUsersAndDeviceAttributesAreRefused() {
        registerUser(tenant, userBody("carol", "Carol", "Jones"));
        String users = base(tenant) + "/users";
        problem(admin().body(userBody("carol", "X", "Y")).post(users).then(), 409, "already exists");
        Map<String, Object> sameUpn = userBody("carol2", "Carol", "Jones");
        sameUpn.put("userPrincipalName", "carol@contoso.test");
        problem(admin().body(sameUpn).post(users).then(), 409, "carol@contoso.test");
        problem(admin().body(Map.of("id", "x")).post(users).then(), 400, "userPrincipalName is required");
        problem(admin().body(Map.of("userPrincipalName", "no-domain")).post(users).then(), 400,
                "is not of the form name@domain");
        problem(admin().body(Map.of("userPrincipalName", "d@contoso.test", "email", "nope")).post(users).then(),
                400, "email 'nope' is not an e-mail address");
        problem(admin().get(users + "/ghost").then(), 404, "user 'ghost' not found");
        problem(admin().get(users + "?limit=0").then(), 400, "limit must be between 1 and 1000");

        String devices = base(tenant) + "/devices";
        Map<String, Object> device = deviceBody(DeviceIdentity.of("d-1", "D1", "S", "IOS", KeyAlgorithm.EC_P256));
        device.put("primaryUserId", "ghost");
        problem(admin().body(device).post(devices).then(), 400, "primaryUserId names the unknown user 'ghost'");
        device.put("primaryUserId", null);
        device.put("imei", "12AB");
        problem(admin().body(device).post(devices).then(), 400, "imei must be 14 to 16 digits");
        device.put("imei", null);
        device.put("wifiMacAddress", "00:11:22");
        problem(admin().body(device).post(devices).then(), 400, "wifiMacAddress must be six hexadecimal octets");
        problem(admin().get(devices + "/d-1").then(), 404, "not found");
    }

    @Test
    void usersNeedDeviceManageToRegisterAndProfileReadToRead() {
        String users = base(tenant) + "/users";
        Map<String, Object> body = userBody("dave", "Dave", "Brown");
        as(null).body(body).post(users).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).body(body).post(users).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, "other")).body(body).post(users).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).body(body).post(users).then().statusCode(201);
        for (String path : new String[] {users, users + "/dave"}) {
            as(null).get(path).then().statusCode(401);
            as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).get(path).then().statusCode(403);
            as(Tokens.of(ApiRoles.PROFILE_READ, "other")).get(path).then().statusCode(403);
            as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).get(path).then().statusCode(200);
        }
    }
}
