package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.TempFiles;
import io.stratus.crypto.DegenerateSignedData;
import io.stratus.crypto.Pem;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/** CA certificate downloads as DER, PEM and a PKCS#7 chain, named after the CA, and the URLs in the details. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class DownloadTest {

    private static final String PATH = "/api/v1/tenants/{t}/authorities/{id}/certificate";

    @Test
    void derPemAndP7bDownloads() {
        String tenant = "dl-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> root = CaApi.create(tenant, CaApi.rootBody("Contoso Root", 10, "EC_P256",
                List.of("CLIENT_AUTH")));
        Map<String, Object> issuing = CaApi.create(tenant, CaApi.issuingBody((String) root.get("id"),
                "Contoso Issuing/EU", 2, "EC_P256", List.of("CLIENT_AUTH")));
        String id = (String) issuing.get("id");
        String token = CaApi.admin(tenant);

        byte[] der = given().auth().oauth2(token).queryParam("format", "der").get(PATH, tenant, id).then()
                .statusCode(200).contentType("application/pkix-cert")
                .header("Content-Disposition", "attachment; filename=\"Contoso Issuing_EU.cer\"")
                .extract().asByteArray();
        assertEquals(Pem.certificate((String) issuing.get("certificatePem")), Pem.certificate(der));

        String pem = given().auth().oauth2(token).queryParam("format", "pem").get(PATH, tenant, id).then()
                .statusCode(200).header("Content-Disposition", "attachment; filename=\"Contoso Issuing_EU.pem\"")
                .extract().asString();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);

        byte[] p7b = given().auth().oauth2(token).queryParam("format", "p7b").get(PATH, tenant, id).then()
                .statusCode(200).contentType("application/pkcs7-mime")
                .header("Content-Disposition", "attachment; filename=\"Contoso Issuing_EU.p7b\"")
                .extract().asByteArray();
        List<X509Certificate> chain = DegenerateSignedData.readCertificates(p7b);
        assertEquals(2, chain.size(), "the issuing CA and its root");
        assertEquals(Pem.certificate((String) issuing.get("certificatePem")), chain.get(0));
        assertEquals(Pem.certificate((String) root.get("certificatePem")), chain.get(1));
        String printed = OpenSsl.run("pkcs7", "-inform", "DER", "-in",
                TempFiles.write("chain", ".p7b", p7b).toString(), "-print_certs", "-noout");
        assertTrue(printed.contains("Contoso Issuing/EU") && printed.contains("Contoso Root"), printed);

        given().auth().oauth2(token).queryParam("format", "pfx").get(PATH, tenant, id).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void detailsShowThePublicUrls() {
        String tenant = "dl-" + UUID.randomUUID().toString().substring(0, 8);
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String issuingId = (String) CaApi.createIssuing(tenant, rootId).get("id");
        String base = "http://localhost:8081/pki/" + tenant + "/" + issuingId;
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities/{id}", tenant, issuingId)
                .then().statusCode(200)
                .body("crlUrl", equalTo(base + "/crl"))
                .body("caIssuersUrl", equalTo(base + "/ca.cer"))
                .body("scepUrl", equalTo("http://localhost:8082/scep/" + tenant + "/" + issuingId))
                .body("ocspUrl", equalTo(base + "/ocsp"));
    }
}
