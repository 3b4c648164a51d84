package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.deviceBody;
import static io.stratus.profile.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.security.KeyPairGenerator;
import java.util.Base64;
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

@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class DeviceApiTest {

    private final String tenant = "dev-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void registersRsaAndEcDevicesAndReadsThemBack() {
        DeviceIdentity rsa = DeviceIdentity.of("laptop-1", "LAPTOP-1", "SN-001", "WINDOWS", KeyAlgorithm.RSA_2048);
        admin().body(deviceBody(rsa)).post(base(tenant) + "/devices").then()
                .statusCode(201)
                .header("Location", containsString(base(tenant) + "/devices/laptop-1"))
                .body("id", equalTo("laptop-1"))
                .body("platform", equalTo("WINDOWS"))
                .body("identityKeyAlgorithm", equalTo("RSA_2048"));
        admin().get(base(tenant) + "/devices/laptop-1").then()
                .statusCode(200)
                .body("name", equalTo("LAPTOP-1"))
                .body("serialNumber", equalTo("SN-001"))
                .body("identityPublicKey", equalTo(rsa.publicKeyBase64()));

        DeviceIdentity ec = DeviceIdentity.of(null, "phone", null, "IOS", KeyAlgorithm.EC_P384);
        String id = admin().body(deviceBody(ec)).post(base(tenant) + "/devices").then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("identityKeyAlgorithm", equalTo("EC_P384"))
                .extract().path("id");
        admin().get(base(tenant) + "/devices/" + id).then().statusCode(200).body("platform", equalTo("IOS"));
    }

    @Test
    void aDuplicateIdIsAConflict() {
        DeviceIdentity device = DeviceIdentity.of("dup-1", "dup", "SN", "ANDROID", KeyAlgorithm.EC_P256);
        admin().body(deviceBody(device)).post(base(tenant) + "/devices").then().statusCode(201);
        problem(admin().body(deviceBody(device)).post(base(tenant) + "/devices").then(), 409, "already exists");
        // the same id in another tenant is another device
        admin().body(deviceBody(device)).post(base(tenant + "-b") + "/devices").then().statusCode(201);
    }

    @Test
    void badRegistrationsAreRefusedWithAClearDetail() throws Exception {
        DeviceIdentity device = DeviceIdentity.of("bad-1", "bad", "SN", "WINDOWS", KeyAlgorithm.EC_P256);
        assertRefused(with(device, "platform", "LINUX"), "platform must be one of WINDOWS, MACOS, IOS, ANDROID");
        assertRefused(with(device, "platform", null), "platform is required");
        assertRefused(with(device, "name", " "), "name is required");
        assertRefused(with(device, "id", "has space"), "id must be 1 to 128 letters");
        assertRefused(with(device, "identityPublicKey", null), "identityPublicKey is required");
        assertRefused(with(device, "identityPublicKey", "not base64 at all!"), "not an RSA or EC SubjectPublicKeyInfo");
        assertRefused(with(device, "identityPublicKey", Base64.getEncoder().encodeToString("hello".getBytes())),
                "not an RSA or EC SubjectPublicKeyInfo");
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        assertRefused(with(device, "identityPublicKey",
                Base64.getEncoder().encodeToString(ed.generateKeyPair().getPublic().getEncoded())),
                "not an RSA or EC SubjectPublicKeyInfo");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertRefused(with(device, "identityPublicKey",
                Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())),
                "identityPublicKey is RSA 1024");
        problem(admin().body("{\"name\": \"x\", ").post(base(tenant) + "/devices").then(), 400, "invalid JSON");
        problem(admin().body("").post(base(tenant) + "/devices").then(), 400, "request body is required");
        problem(admin().get(base(tenant) + "/devices/nope").then(), 404, "device 'nope' not found");
        // nothing was stored by the refused requests
        problem(admin().get(base(tenant) + "/devices/bad-1").then(), 404, "not found");
    }

    @Test
    void registrationNeedsDeviceManageAndReadingNeedsProfileRead() {
        DeviceIdentity device = DeviceIdentity.of("rbac-1", "rbac", "SN", "MACOS", KeyAlgorithm.EC_P256);
        String devices = base(tenant) + "/devices";
        as(null).body(deviceBody(device)).post(devices).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).body(deviceBody(device)).post(devices).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, "other-tenant")).body(deviceBody(device)).post(devices).then()
                .statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).body(deviceBody(device)).post(devices).then().statusCode(201);

        String one = devices + "/rbac-1";
        as(null).get(one).then().statusCode(401);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).get(one).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_READ, "other-tenant")).get(one).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).get(one).then().statusCode(200).body("id", equalTo("rbac-1"));
    }

    private void assertRefused(Map<String, Object> body, String detail) {
        problem(admin().body(body).post(base(tenant) + "/devices").then(), 400, detail);
    }

    private static Map<String, Object> with(DeviceIdentity device, String field, Object value) {
        Map<String, Object> body = deviceBody(device);
        body.put(field, value);
        return body;
    }
}
