package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.ExternalCas;
import io.stratus.ca.support.ExternalRoot;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;

/** Bring your own CA, with OpenSSL acting as the external root that signs the CA's CSR. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class ExternalAuthorityTest {

    private static Response upload(String tenant, String id, String certificate, String chain) {
        return given().auth().oauth2(CaApi.admin(tenant)).contentType("application/json")
                .body(Map.of("certificate", certificate, "chain", chain))
                .post("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id);
    }

    @Test
    void externalRootSignsTheCsrAndTheCaGoesLive() throws Exception {
        String tenant = "byo-" + UUID.randomUUID().toString().substring(0, 8);
        ExternalRoot root = ExternalRoot.create("Fabrikam Root " + tenant);
        Map<String, Object> pending = CaApi.create(tenant, ExternalCas.body("Fabrikam Issuing"));
        String id = (String) pending.get("id");
        assertEquals("SIGNING_REQUIRED", pending.get("status"));
        assertEquals(true, pending.get("external"));
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id)
                .then().statusCode(409).body("detail", containsString("CSR"));
        CaApi.lifecycle(tenant, id, "pause").then().statusCode(409).body("detail", containsString("upload"));

        String csrPem = ExternalCas.csr(tenant, id);
        String verified = OpenSsl.run("req", "-in", TempFiles.write("ca", ".csr", csrPem).toString(), "-noout",
                "-verify", "-subject");
        assertTrue(verified.contains("Fabrikam Issuing"), verified);
        String signed = root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 730);

        // the chain as a DER PKCS#7 bundle, base64 in JSON
        Path p7b = root.dir().resolve("chain.p7b");
        OpenSsl.run("crl2pkcs7", "-nocrl", "-certfile", root.certificate().toString(), "-outform", "DER", "-out",
                p7b.toString());
        String chain = Base64.getEncoder().encodeToString(Files.readAllBytes(p7b));
        upload(tenant, id, signed, chain).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("extendedKeyUsages", equalTo(List.of("1.3.6.1.5.5.7.3.2")));
        upload(tenant, id, signed, chain).then().statusCode(409).body("detail", containsString("SIGNING_REQUIRED"));

        AuthorityCreatedEvent created = (AuthorityCreatedEvent) Kafka.decode(Kafka.await(Topics.AUTHORITIES,
                r -> r.key().equals(id) && r.value().contains("io.stratus.authority.created"))).data();
        assertEquals("ACTIVE", created.status().name());
        assertTrue(created.chainPem().contains(root.pem().trim().substring(0, 80)), "the chain includes the root");

        String chainPem = given().auth().oauth2(CaApi.admin(tenant))
                .get("/api/v1/tenants/{t}/authorities/{id}/chain", tenant, id).then().statusCode(200).extract()
                .asString();
        assertEquals(2, chainPem.split("BEGIN CERTIFICATE").length - 1);

        try (TopicReader outcomes = new TopicReader(Topics.CERTIFICATES)) {
            CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(outcomes, tenant, id);
            Path leafFile = TempFiles.write("leaf", ".cer", Base64.getDecoder().decode(leaf.certificate()));
            Path leafPem = TempFiles.write("leaf", ".pem", OpenSsl.run("x509", "-inform", "DER", "-in",
                    leafFile.toString()));
            OpenSsl.verifyChain(root.certificate(), TempFiles.write("issuing", ".pem", signed), leafPem);
        }
    }

    @Test
    void uploadsThatDoNotFitAreRefused() throws Exception {
        String tenant = "byo-" + UUID.randomUUID().toString().substring(0, 8);
        ExternalRoot root = ExternalRoot.create("Fabrikam Root " + tenant);
        ExternalRoot stranger = ExternalRoot.create("Someone Else " + tenant);
        String id = (String) CaApi.create(tenant, ExternalCas.body("Fabrikam Issuing")).get("id");
        String csrPem = ExternalCas.csr(tenant, id);

        Path otherKey = root.dir().resolve("other.key");
        Path otherCsr = root.dir().resolve("other.csr");
        OpenSsl.run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", otherKey.toString(), "-out",
                otherCsr.toString(), "-subj", "/CN=Other");
        upload(tenant, id, root.sign(Files.readString(otherCsr), ExternalRoot.CA_EXTENSIONS, 730), root.pem())
                .then().statusCode(400).body("detail", containsString("public key"));
        upload(tenant, id, root.sign(csrPem, "basicConstraints=critical,CA:false\nkeyUsage=digitalSignature\n", 730),
                root.pem()).then().statusCode(400).body("detail", containsString("not a CA"));
        upload(tenant, id, root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 730), stranger.pem())
                .then().statusCode(400).body("detail", containsString("chain"));
        upload(tenant, id, root.sign(csrPem, ExternalRoot.CA_EXTENSIONS.replace("clientAuth", "serverAuth"), 730), root.pem())
                .then().statusCode(400).body("detail", containsString("extended key usages"));
        upload(tenant, id, root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 4000), root.pem())
                .then().statusCode(400).body("detail", containsString("after its issuer"));
        upload(tenant, id, "not a certificate", root.pem()).then().statusCode(400);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_READ), tenant)).contentType("application/json")
                .body(Map.of("certificate", "x", "chain", "y"))
                .post("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id).then().statusCode(403);
        given().auth().oauth2(CaApi.token(Set.of(Roles.CA_CREATE), "other")).contentType("application/json")
                .body(Map.of("certificate", "x", "chain", "y"))
                .post("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id).then().statusCode(403);
        given().get("/api/v1/tenants/{t}/authorities/{id}/csr", tenant, id).then().statusCode(401);
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities/{id}", tenant, id)
                .then().statusCode(200).body("status", equalTo("SIGNING_REQUIRED"));
        CaApi.delete(tenant, id).then().statusCode(204);
    }
}
