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
import io.stratus.ca.support.Database;
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
        assertEquals(BigInteger.ONE, crlNumber(first));
    }

    /**
     * A kept CRL is served again only while it may be: a revocation (stale mark) or half its validity passed means a
     * new CRL; another tenant and a deleted CA get 404.
     */
    @Test
    void aKeptCrlIsServedOnlyWhileItIsFresh() throws Exception {
        String tenant = "crl-" + UUID.randomUUID().toString().substring(0, 8);
        String id = (String) CaApi.createRoot(tenant).get("id");
        byte[] first = download(tenant, id);
        assertArrayEquals(first, download(tenant, id));

        Database.execute("update authority set crl_stale = true where id = ?", id);
        byte[] afterRevocation = download(tenant, id);
        assertEquals(crlNumber(first).add(BigInteger.ONE), crlNumber(afterRevocation), "stale: signed anew");

        Database.execute("update authority set crl_next_update = now() + interval '3 days' where id = ?", id);
        byte[] pastHalf = download(tenant, id);
        assertEquals(crlNumber(afterRevocation).add(BigInteger.ONE), crlNumber(pastHalf), "past half: signed anew");
        assertArrayEquals(pastHalf, download(tenant, id));

        given().get("/pki/{t}/{id}/crl", "other-" + tenant, id).then().statusCode(404);
        Database.execute("update authority set deleted_at = now() where id = ?", id);
        given().get("/pki/{t}/{id}/crl", tenant, id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static byte[] download(String tenant, String id) {
        return given().get("/pki/{t}/{id}/crl", tenant, id).then().statusCode(200).extract().asByteArray();
    }

    private static BigInteger crlNumber(byte[] crl) {
        byte[] number = Pem.crl(crl).getExtensionValue("2.5.29.20");
        return new BigInteger(1, java.util.Arrays.copyOfRange(number, 4, number.length));
    }

    @Test
    void unknownCaHasNoCrl() {
        given().get("/pki/{t}/{id}/crl", "nobody", UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * A CA with more revoked certificates than one cursor read of the CRL build (RevokedSerials.FETCH): every one is
     * on the CRL with its reason, and one that expired longer than a CRL validity ago is not.
     */
    @Test
    void crlOfManyRevokedCertificatesListsEachOnce() throws Exception {
        String tenant = "crl-" + UUID.randomUUID().toString().substring(0, 8);
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        Map<String, Object> issuing = CaApi.createIssuing(tenant, rootId);
        String id = (String) issuing.get("id");
        int revoked = 5_001;
        io.stratus.ca.support.Database.execute("insert into issued_certificate (id, tenant, authority_id, serial_hex,"
                + " transaction_id, purpose, subject_dn, not_before, not_after, certificate_der, status, revoked_at,"
                + " revocation_reason, created_at) select gen_random_uuid()::text, ?, ?, '7e' || lpad(to_hex(i), 14, '0'),"
                + " 'crl-seed-' || i, 'DEVICE', 'CN=seed-' || i, now() - interval '1 day',"
                + " case when i = 0 then now() - interval '30 days' else now() + interval '30 days' end, '\\x00',"
                + " 'REVOKED', now() - interval '1 hour', case when i % 2 = 0 then 'keyCompromise' else 'unspecified'"
                + " end, now() from generate_series(0, ?::int) i", tenant, id, String.valueOf(revoked));
        io.stratus.ca.support.Database.execute("update authority set crl_stale = true where id = ?", id);

        byte[] der = given().get("/pki/{t}/{id}/crl", tenant, id).then().statusCode(200).extract().asByteArray();
        X509CRL crl = Pem.crl(der);
        crl.verify(Pem.certificate((String) issuing.get("certificatePem")).getPublicKey());
        assertEquals(revoked, crl.getRevokedCertificates().size(), "every unexpired revoked certificate, once");
        assertEquals(null, crl.getRevokedCertificate(new BigInteger("7e00000000000000", 16)),
                "expired for longer than a CRL validity");
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
                crl.getRevokedCertificate(new BigInteger("7e00000000001388", 16)).getRevocationReason());
        assertEquals(null, crl.getRevokedCertificate(new BigInteger("7e00000000001389", 16)).getRevocationReason());
    }
}
