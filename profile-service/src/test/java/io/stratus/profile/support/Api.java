package io.stratus.profile.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The profile-service admin API as a test uses it, with an all-powerful token unless told otherwise. */
public final class Api {

    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private Api() {
    }

    public static String base(String tenant) {
        return "/api/v1/tenants/" + tenant;
    }

    public static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return token == null ? spec : spec.header("Authorization", Tokens.bearer(token));
    }

    public static RequestSpecification admin() {
        return as(Tokens.admin());
    }

    public static Map<String, Object> deviceBody(DeviceIdentity device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", device.id());
        body.put("name", device.name());
        body.put("platform", device.platform());
        body.put("serialNumber", device.serialNumber());
        body.put("identityPublicKey", device.publicKeyBase64());
        return body;
    }

    public static void registerDevice(String tenant, DeviceIdentity device) {
        admin().body(deviceBody(device)).post(base(tenant) + "/devices").then().statusCode(201);
    }

    public static String createGroup(String tenant, String name) {
        return admin().body(Map.of("name", name)).post(base(tenant) + "/groups").then().statusCode(201)
                .extract().path("id");
    }

    public static JsonPath addMembers(String tenant, String groupId, String... deviceIds) {
        return admin().body(Map.of("deviceIds", List.of(deviceIds)))
                .post(base(tenant) + "/groups/" + groupId + "/members").then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath addUserMembers(String tenant, String groupId, String... userIds) {
        return admin().body(Map.of("userIds", List.of(userIds)))
                .post(base(tenant) + "/groups/" + groupId + "/members").then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath removeMember(String tenant, String groupId, String memberId) {
        return admin().delete(base(tenant) + "/groups/" + groupId + "/members/" + memberId).then().statusCode(200)
                .extract().jsonPath();
    }

    /** A user with every attribute: UPN {@code id@contoso.test}. */
    public static Map<String, Object> userBody(String id, String givenName, String surname) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("userPrincipalName", id + "@contoso.test");
        body.put("email", givenName.toLowerCase() + "." + surname.toLowerCase() + "@mail.contoso.test");
        body.put("givenName", givenName);
        body.put("surname", surname);
        body.put("onPremDistinguishedName", "CN=" + givenName + " " + surname + ",OU=Staff,DC=contoso,DC=test");
        body.put("onPremSamAccountName", id.toUpperCase());
        return body;
    }

    public static void registerUser(String tenant, Map<String, Object> body) {
        admin().body(body).post(base(tenant) + "/users").then().statusCode(201);
    }

    public static Map<String, Object> trustedBody(String pem, String store) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Contoso root");
        body.put("platform", "WINDOWS");
        body.put("certificatePem", pem);
        body.put("store", store);
        return body;
    }

    public static String createTrustedRoot(String tenant) {
        Map<String, Object> body = trustedBody(TestCertificates.get().rootPem(), "COMPUTER_ROOT");
        body.put("authorityId", "root-ca-1");
        return admin().body(body).post(base(tenant) + "/profiles/trusted").then().statusCode(201)
                .extract().path("id");
    }

    /** A valid SCEP profile body (RSA 2048, client auth, CN={{DeviceName}},O=Contoso, DNS and URI SANs). */
    public static Map<String, Object> scepBody(String tenant, List<String> trustedProfileIds) {
        Authorities.ensureIssuing(tenant, "issuing-ca-1");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Device certificate");
        body.put("platform", "WINDOWS");
        body.put("certificateType", "DEVICE");
        body.put("authorityId", "issuing-ca-1");
        body.put("scepUrl", "http://localhost:8082/scep/" + tenant + "/issuing-ca-1");
        body.put("subjectNameFormat", "CN={{DeviceName}},O=Contoso");
        List<Map<String, Object>> sans = new ArrayList<>();
        sans.add(Map.of("type", "DNS", "value", "{{DeviceName}}.contoso.test"));
        sans.add(Map.of("type", "URI", "value", "urn:stratus:device:{{AAD_Device_ID}}"));
        body.put("subjectAlternativeNames", sans);
        body.put("validityDays", 365);
        body.put("keyAlgorithm", "RSA");
        body.put("keySize", 2048);
        body.put("keyUsages", List.of("digitalSignature", "keyEncipherment"));
        body.put("extendedKeyUsages", List.of(CLIENT_AUTH));
        body.put("renewalThresholdPercent", 20);
        body.put("trustedProfileIds", trustedProfileIds);
        return body;
    }

    public static String createScepProfile(String tenant, Map<String, Object> body) {
        return admin().body(body).post(base(tenant) + "/profiles/scep").then().statusCode(201).extract().path("id");
    }

    public static JsonPath createAssignment(String tenant, String profileId, List<String> include,
            List<String> exclude) {
        return admin().body(Map.of("profileId", profileId, "includeGroupIds", include, "excludeGroupIds", exclude))
                .post(base(tenant) + "/assignments").then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath report(String tenant, String profileId) {
        return admin().get(base(tenant) + "/profiles/" + profileId + "/report").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Asserts a problem+json answer with {@code status} whose detail contains {@code detailPart}. */
    public static ValidatableResponse problem(ValidatableResponse response, int status, String detailPart) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(status))
                .body("detail", org.hamcrest.Matchers.containsString(detailPart));
    }
}
