package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.TempFiles;
import io.stratus.crypto.Pem;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/** A root and an issuing CA created through REST, checked in JSON and by OpenSSL. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityResourceTest {

    private final String tenant = "contoso-" + UUID.randomUUID().toString().substring(0, 8);
    private Map<String, Object> root;
    private Map<String, Object> issuing;

    /** Once per class, but after Quarkus pointed RestAssured at the test port (not yet done in @BeforeAll). */
    @BeforeEach
    void createHierarchy() {
        if (root != null) {
            return;
        }
        root = CaApi.create(tenant, CaApi.rootBody("Contoso Root CA", 20, "RSA_3072",
                List.of("CLIENT_AUTH", "SERVER_AUTH", "1.3.6.1.4.1.311.10.3.12")));
        issuing = CaApi.create(tenant, CaApi.issuingBody((String) root.get("id"), "Contoso Issuing CA", 4, "RSA_2048",
                List.of("CLIENT_AUTH", "SERVER_AUTH")));
    }

    @Test
    void rootJsonDescribesTheCaWithoutKey() {
        String id = (String) root.get("id");
        assertEquals(tenant, root.get("tenant"));
        assertEquals("Contoso Root CA", root.get("displayName"));
        assertEquals("ROOT", root.get("kind"));
        assertNull(root.get("parentId"));
        assertEquals("ACTIVE", root.get("status"));
        assertEquals("CN=Contoso Root CA,O=Contoso,C=US", root.get("subjectDn"));
        assertEquals("RSA_3072", root.get("keyAlgorithm"));
        assertEquals(List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1", "1.3.6.1.4.1.311.10.3.12"),
                root.get("extendedKeyUsages"));
        assertEquals("http://localhost:8081/pki/" + tenant + "/" + id + "/crl", root.get("crlUrl"));
        assertEquals("http://localhost:8081/pki/" + tenant + "/" + id + "/ca.cer", root.get("caIssuersUrl"));
        assertFalse(root.containsKey("scepUrl"), "a root has no SCEP URL");
        assertTrue(((String) root.get("serialNumber")).matches("[0-9A-F]+"));
        Instant notBefore = Instant.parse((String) root.get("notBefore"));
        Instant notAfter = Instant.parse((String) root.get("notAfter"));
        assertTrue(Duration.between(notBefore, notAfter).toDays() >= 20 * 365, "20 years of validity");
        assertNoKeyMaterial(root);
    }

    @Test
    void issuingJsonPointsToItsRootAndScep() {
        String id = (String) issuing.get("id");
        assertEquals("ISSUING", issuing.get("kind"));
        assertEquals(root.get("id"), issuing.get("parentId"));
        assertEquals("http://localhost:8082/scep/" + tenant + "/" + id, issuing.get("scepUrl"));
        assertEquals(List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"), issuing.get("extendedKeyUsages"));
        assertNoKeyMaterial(issuing);
    }

    @Test
    void openSslAcceptsTheChainStrictly() {
        Path rootPem = TempFiles.write("root", ".pem", (String) root.get("certificatePem"));
        Path issuingPem = TempFiles.write("issuing", ".pem", (String) issuing.get("certificatePem"));
        String out = OpenSsl.run("verify", "-x509_strict", "-CAfile", rootPem.toString(), issuingPem.toString());
        assertTrue(out.contains(": OK"), out);
        OpenSsl.run("verify", "-x509_strict", "-CAfile", rootPem.toString(), rootPem.toString());
    }

    @Test
    void openSslShowsCaExtensions() {
        String rootText = OpenSsl.run("x509", "-noout", "-text", "-in",
                TempFiles.write("root", ".pem", (String) root.get("certificatePem")).toString());
        assertTrue(rootText.contains("CA:TRUE"), rootText);
        assertFalse(rootText.contains("pathlen"), "a root has no path length constraint:\n" + rootText);
        assertTrue(rootText.contains("Certificate Sign, CRL Sign"), rootText);
        assertTrue(rootText.contains("sha384WithRSAEncryption"), "RSA-3072 signs with SHA-384:\n" + rootText);

        String rootId = (String) root.get("id");
        String text = OpenSsl.run("x509", "-noout", "-text", "-in",
                TempFiles.write("issuing", ".pem", (String) issuing.get("certificatePem")).toString());
        assertTrue(text.contains("CA:TRUE, pathlen:0"), text);
        assertTrue(text.contains("X509v3 CRL Distribution Points"), text);
        assertTrue(text.contains("URI:http://localhost:8081/pki/" + tenant + "/" + rootId + "/crl"), text);
        assertTrue(text.contains("CA Issuers - URI:http://localhost:8081/pki/" + tenant + "/" + rootId + "/ca.cer"),
                text);
        assertTrue(text.contains("TLS Web Client Authentication, TLS Web Server Authentication"), text);
        assertTrue(text.contains("Subject: CN = Contoso Issuing CA, O = Contoso, C = US")
                || text.contains("Subject: C = US, O = Contoso, CN = Contoso Issuing CA"), text);
    }

    @Test
    void getAndListReturnTheCas() {
        String token = CaApi.token(java.util.Set.of(CaRoles.CA_READ), tenant);
        given().auth().oauth2(token).get("/api/v1/tenants/{t}/authorities/{id}", tenant, issuing.get("id"))
                .then().statusCode(200).body("id", equalTo(issuing.get("id")))
                .body("certificatePem", equalTo(issuing.get("certificatePem")));
        given().auth().oauth2(token).get("/api/v1/tenants/{t}/authorities", tenant)
                .then().statusCode(200).body("id", hasItems(root.get("id"), issuing.get("id")))
                .body("size()", equalTo(2));
    }

    @Test
    void createdAnswerHasLocation() {
        var response = CaApi.post(tenant, CaApi.admin(tenant), CaApi.rootBody("Second Root", 5, "EC_P256",
                List.of()));
        response.then().statusCode(201).header("Location", endsWith("/api/v1/tenants/" + tenant + "/authorities/"
                + response.jsonPath().getString("id")));
    }

    @Test
    void certificateInPemAndDer() {
        String token = CaApi.admin(tenant);
        String id = (String) issuing.get("id");
        String pem = given().auth().oauth2(token).get("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id)
                .then().statusCode(200).contentType(containsString("application/x-pem-file")).extract().asString();
        assertEquals(issuing.get("certificatePem"), pem);
        byte[] der = given().auth().oauth2(token).queryParam("format", "der")
                .get("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id)
                .then().statusCode(200).contentType("application/pkix-cert").extract().asByteArray();
        assertArrayEquals(Pem.der(Pem.certificate(pem)), der);
        String parsed = OpenSsl.run("x509", "-inform", "DER", "-noout", "-subject", "-in",
                TempFiles.write("issuing", ".cer", der).toString());
        assertTrue(parsed.contains("Contoso Issuing CA"), parsed);
        given().auth().oauth2(token).queryParam("format", "pkcs12")
                .get("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("der, pem or p7b"));
    }

    @Test
    void chainListsTheCaThenTheRoot() {
        String chain = given().auth().oauth2(CaApi.admin(tenant))
                .get("/api/v1/tenants/{t}/authorities/{id}/chain", tenant, issuing.get("id"))
                .then().statusCode(200).extract().asString();
        List<java.security.cert.X509Certificate> certificates = Pem.certificates(chain);
        assertEquals(2, certificates.size());
        assertEquals(Pem.certificate((String) issuing.get("certificatePem")), certificates.get(0));
        assertEquals(Pem.certificate((String) root.get("certificatePem")), certificates.get(1));
    }

    @Test
    void publicCaCertificateNeedsNoToken() {
        byte[] der = given().get("/pki/{t}/{id}/ca.cer", tenant, root.get("id"))
                .then().statusCode(200).contentType("application/pkix-cert").extract().asByteArray();
        assertArrayEquals(Pem.der(Pem.certificate((String) root.get("certificatePem"))), der);
        given().get("/pki/{t}/{id}/ca.cer", tenant, UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/pki/{t}/{id}/ca.cer", "other-tenant", root.get("id"))
                .then().statusCode(404);
    }

    private static void assertNoKeyMaterial(Map<String, Object> authority) {
        String json = authority.toString();
        assertFalse(json.contains("PRIVATE KEY"), "no private key in the answer");
        assertFalse(authority.keySet().stream().anyMatch(k -> k.toLowerCase().contains("key")
                && !k.equals("keyAlgorithm") && !k.equals("extendedKeyUsages")), "no key field in " + authority.keySet());
    }
}
