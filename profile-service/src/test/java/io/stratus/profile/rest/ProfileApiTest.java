package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createTrustedRoot;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.scepBody;
import static io.stratus.profile.support.Api.trustedBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.profile.support.TestCertificates;
import io.stratus.profile.support.Tokens;
import io.stratus.testkit.StratusTestResource;

@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class ProfileApiTest {

    private final String tenant = "prf-" + UUID.randomUUID().toString().substring(0, 8);
    private final TestCertificates certificates = TestCertificates.get();

    @Test
    void trustedProfilesTakeCaCertificates() {
        String id = admin().body(trustedBody(certificates.rootPem(), "COMPUTER_ROOT"))
                .post(base(tenant) + "/profiles/trusted").then().statusCode(201)
                .body("subjectDn", equalTo("CN=Contoso Test Root,O=Contoso"))
                .body("store", equalTo("COMPUTER_ROOT"))
                .extract().path("id");
        admin().get(base(tenant) + "/profiles/trusted/" + id).then().statusCode(200)
                .body("certificatePem", equalTo(certificates.rootPem()));
        admin().body(trustedBody(certificates.issuingPem(), "COMPUTER_INTERMEDIATE"))
                .post(base(tenant) + "/profiles/trusted").then().statusCode(201)
                .body("subjectDn", equalTo("CN=Contoso Test Issuing,O=Contoso"));
    }

    @Test
    void badTrustedProfilesAreRefused() {
        String trusted = base(tenant) + "/profiles/trusted";
        problem(admin().body(trustedBody(certificates.leafPem(), "COMPUTER_ROOT")).post(trusted).then(), 400,
                "is not a CA certificate");
        problem(admin().body(trustedBody("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                "COMPUTER_ROOT")).post(trusted).then(), 400, "not a valid X.509 certificate");
        problem(admin().body(trustedBody("hello", "COMPUTER_ROOT")).post(trusted).then(), 400,
                "holds no '-----BEGIN CERTIFICATE-----' block");
        problem(admin().body(trustedBody(certificates.rootPem() + certificates.issuingPem(), "COMPUTER_ROOT"))
                .post(trusted).then(), 400, "exactly one certificate");
        problem(admin().body(trustedBody(certificates.issuingPem(), "COMPUTER_ROOT")).post(trusted).then(), 400,
                "COMPUTER_ROOT takes a self-signed root");
        problem(admin().body(trustedBody(certificates.rootPem(), "DESKTOP")).post(trusted).then(), 400,
                "store must be one of COMPUTER_ROOT, COMPUTER_INTERMEDIATE, USER_INTERMEDIATE");
        Map<String, Object> noName = trustedBody(certificates.rootPem(), "COMPUTER_ROOT");
        noName.remove("name");
        problem(admin().body(noName).post(trusted).then(), 400, "name is required");
        problem(admin().get(trusted + "/nope").then(), 404, "trusted profile 'nope' not found");
    }

    @Test
    void scepProfilesAreCreatedAndReadBack() {
        String rootId = createTrustedRoot(tenant);
        String id = admin().body(scepBody(tenant, List.of(rootId))).post(base(tenant) + "/profiles/scep").then()
                .statusCode(201)
                .body("subjectNameFormat", equalTo("CN={{DeviceName}},O=Contoso"))
                .body("trustedProfileIds", contains(rootId))
                .extract().path("id");
        admin().get(base(tenant) + "/profiles/scep/" + id).then().statusCode(200)
                .body("keySize", equalTo(2048))
                .body("extendedKeyUsages", contains("1.3.6.1.5.5.7.3.2"))
                .body("subjectAlternativeNames[0].value", equalTo("{{DeviceName}}.contoso.test"));
        Map<String, Object> ec = scepBody(tenant, List.of());
        ec.put("keyAlgorithm", "EC");
        ec.put("keySize", 384);
        ec.put("keyUsages", List.of("digitalSignature"));
        admin().body(ec).post(base(tenant) + "/profiles/scep").then().statusCode(201)
                .body("keyAlgorithm", equalTo("EC"));
    }

    @Test
    void badScepProfilesAreRefusedWithTheReason() {
        String rootId = createTrustedRoot(tenant);
        refuse("subjectNameFormat", "CN={{DeviceNmae}},O=Contoso", "unknown variable {{DeviceNmae}}");
        refuse("subjectNameFormat", "CN={{DeviceName},O=Contoso", "unterminated variable");
        refuse("subjectNameFormat", "just text", "is not a distinguished name");
        refuse("subjectNameFormat", null, "subjectNameFormat is required");
        refuse("subjectAlternativeNames", List.of(Map.of("type", "DNS", "value", "{{UserNmae}}.contoso.test")),
                "subjectAlternativeNames[0].value uses the unknown variable {{UserNmae}}");
        refuse("subjectAlternativeNames", List.of(Map.of("type", "IP", "value", "10.0.0.1")),
                "subjectAlternativeNames[0].type must be one of DNS, EMAIL, UPN, URI");
        refuse("subjectAlternativeNames", List.of(Map.of("type", "DNS", "value", "bad name.{{DeviceName}}")),
                "cannot make a valid DNS name");
        refuse("keySize", 1024, "keySize 1024 is too weak");
        refuse("keySize", 3072, "keySize for RSA must be 2048 or 4096");
        refuse("keySize", null, "keySize is required");
        refuse("keyAlgorithm", "DSA", "keyAlgorithm must be RSA or EC");
        Map<String, Object> ec = scepBody(tenant, List.of());
        ec.put("keyAlgorithm", "EC");
        ec.put("keySize", 521);
        refuse(ec, "keySize for EC must be 256 (P-256) or 384 (P-384)");
        ec.put("keySize", 256);
        refuse(ec, "keyEncipherment is not possible with an EC key");
        refuse("validityDays", 0, "validityDays must be greater than 0");
        refuse("validityDays", -5, "validityDays must be greater than 0");
        // this deployment (as production) does not allow validities in minutes
        refuse("validityMinutes", 5, "stratus.profile.short-validity-allowed");
        refuse("renewalThresholdPercent", 0, "renewalThresholdPercent must be between 1 and 99");
        refuse("renewalThresholdPercent", 100, "renewalThresholdPercent must be between 1 and 99");
        refuse("trustedProfileIds", List.of(rootId, "no-such-profile"),
                "unknown trusted profile 'no-such-profile'");
        refuse("extendedKeyUsages", List.of("clientAuth"), "'clientAuth' is not a dotted OID");
        refuse("extendedKeyUsages", List.of("1.3.6.1.5.5.7.3.02"), "is not a dotted OID");
        refuse("extendedKeyUsages", List.of("2.5.29.37.0"), "any extended key usage");
        refuse("extendedKeyUsages", List.of(), "extendedKeyUsages must name at least one OID");
        refuse("keyUsages", List.of("keyCertSign"), "'keyCertSign' is not a key usage for device certificates");
        refuse("platform", "BEOS", "platform must be one of");
        refuse("certificateType", "ROBOT", "certificateType must be one of DEVICE, USER");
        refuse("scepUrl", "ftp://example.com/scep", "scepUrl must be an absolute http(s) URL");
        refuse("authorityId", "", "authorityId is required");
        problem(admin().body("{\"name\": [").post(base(tenant) + "/profiles/scep").then(), 400, "invalid JSON");
        problem(admin().body("{\"validityDays\": \"soon\"}").post(base(tenant) + "/profiles/scep").then(), 400,
                "validityDays");
        problem(admin().get(base(tenant) + "/profiles/scep/nope").then(), 404, "SCEP profile 'nope' not found");
        problem(admin().get(base(tenant) + "/profiles/nope/report").then(), 404, "profile 'nope' not found");
    }

    @Test
    void profilesNeedProfileManageToWriteAndProfileReadToRead() {
        String rootId = createTrustedRoot(tenant);
        for (String kind : List.of("trusted", "scep")) {
            String path = base(tenant) + "/profiles/" + kind;
            Map<String, Object> body = kind.equals("trusted") ? trustedBody(certificates.rootPem(), "COMPUTER_ROOT")
                    : scepBody(tenant, List.of(rootId));
            as(null).body(body).post(path).then().statusCode(401);
            as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).body(body).post(path).then().statusCode(403);
            as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).body(body).post(path).then().statusCode(403);
            as(Tokens.of(ApiRoles.PROFILE_MANAGE, "other")).body(body).post(path).then().statusCode(403);
            String id = as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).body(body).post(path).then().statusCode(201)
                    .extract().path("id");

            as(null).get(path + "/" + id).then().statusCode(401);
            as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).get(path + "/" + id).then().statusCode(403);
            as(Tokens.of(ApiRoles.PROFILE_READ, "other")).get(path + "/" + id).then().statusCode(403);
            as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).get(path + "/" + id).then().statusCode(200);
        }
    }

    private void refuse(String field, Object value, String detail) {
        Map<String, Object> body = scepBody(tenant, List.of());
        body.put(field, value);
        refuse(body, detail);
    }

    private void refuse(Map<String, Object> body, String detail) {
        problem(admin().body(body).post(base(tenant) + "/profiles/scep").then(), 400, detail);
    }
}
