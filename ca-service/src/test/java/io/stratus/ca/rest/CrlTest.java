package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.TempFiles;
import io.stratus.crypto.Pem;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/** The public CRL endpoint serves a CRL signed by the CA that OpenSSL accepts. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class CrlTest {

    @Test
    void crlOfRootAndIssuingVerifyWithOpenSsl() {
        String tenant = "crl-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> root = CaApi.createRoot(tenant);
        Map<String, Object> issuing = CaApi.createIssuing(tenant, (String) root.get("id"));
        for (Map<String, Object> ca : java.util.List.of(root, issuing)) {
            byte[] der = given().get("/pki/{t}/{id}/crl", tenant, ca.get("id"))
                    .then().statusCode(200).contentType("application/pkix-crl").extract().asByteArray();
            Path crl = TempFiles.write("ca", ".crl", der);
            Path caPem = TempFiles.write("ca", ".pem", (String) ca.get("certificatePem"));
            String out = OpenSsl.run("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-verify", "-CAfile",
                    caPem.toString(), "-text");
            assertTrue(out.contains("verify OK"), out);
            assertTrue(out.contains("No Revoked Certificates"), out);
            assertTrue(out.contains("X509v3 CRL Number"), out);
            assertTrue(out.contains("Next Update"), out);

            X509CRL parsed = Pem.crl(der);
            assertEquals(Pem.certificate((String) ca.get("certificatePem")).getSubjectX500Principal(),
                    parsed.getIssuerX500Principal());
        }
    }

    @Test
    void crlIsReusedUntilHalfItsLife() {
        String tenant = "crl-" + UUID.randomUUID().toString().substring(0, 8);
        String id = (String) CaApi.createRoot(tenant).get("id");
        byte[] first = given().get("/pki/{t}/{id}/crl", tenant, id).then().statusCode(200).extract().asByteArray();
        byte[] second = given().get("/pki/{t}/{id}/crl", tenant, id).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(first, second, "a download does not sign a new CRL each time");
        byte[] number = Pem.crl(first).getExtensionValue("2.5.29.20");
        BigInteger crlNumber = new BigInteger(1, java.util.Arrays.copyOfRange(number, 4, number.length));
        assertEquals(BigInteger.ONE, crlNumber);
    }

    @Test
    void unknownCaHasNoCrl() {
        given().get("/pki/{t}/{id}/crl", "nobody", UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
