package io.stratus.ca.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.Renewals;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.CaSigningKey;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Pkcs11Config;
import io.stratus.crypto.Pkcs11KeyProtection;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;
import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SoftHsmToken;
import io.stratus.testkit.tools.SystemTool;

/**
 * PKCS#11 mode against SoftHSM2: a renewal with a new key generates it inside the token under its own alias, and an
 * external CA keeps its uploaded certificate next to its token key (not the placeholder).
 */
@QuarkusTest
@TestProfile(Pkcs11ModeTest.Pkcs11Mode.class)
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@RequiresSystemTool(SystemTool.SOFTHSM2)
class Pkcs11RenewalTest {

    @Test
    void newKeyRenewalGeneratesTheKeyInTheToken() throws Exception {
        String tenant = "hsm-renew-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> root = CaApi.createRoot(tenant);
        String rootId = (String) root.get("id");
        Map<String, Object> issuing = CaApi.createIssuing(tenant, rootId);
        String id = (String) issuing.get("id");

        Map<String, Object> sameKeyRoot = Renewals.renew(tenant, rootId, Renewals.body(false, null, true));
        assertEquals(2, sameKeyRoot.get("generation"));
        Map<String, Object> renewed = Renewals.renew(tenant, id, Renewals.body(true, null, true));
        X509Certificate renewedCertificate = Pem.certificate((String) renewed.get("certificatePem"));
        assertNotEquals(Pem.certificate((String) issuing.get("certificatePem")).getPublicKey(),
                renewedCertificate.getPublicKey());

        String alias;
        try (var db = Database.connect(); var query = db.prepareStatement(
                "select key_protection, key_reference from ca_certificate where authority_id = ? and generation = 2")) {
            query.setString(1, id);
            ResultSet row = query.executeQuery();
            assertTrue(row.next());
            assertEquals("pkcs11", row.getString(1));
            alias = new String(row.getBytes(2), StandardCharsets.UTF_8);
            assertTrue(alias.matches(java.util.regex.Pattern.quote(id) + "-k2-[0-9a-f]{8}"), "only the token alias: " + alias);
        }
        CaSigningKey key = reader().open(id, KeyAlgorithm.EC_P256, alias.getBytes(StandardCharsets.UTF_8));
        assertNull(key.privateKey().getEncoded(), "a token key is not extractable");
        assertArrayEquals(renewedCertificate.getPublicKey().getEncoded(), key.publicKey().getEncoded());
        assertEquals(renewedCertificate, tokenCertificate(alias), "the token keeps the real certificate");

        CertificateIssuedEvent leaf;
        try (TopicReader outcomes = new TopicReader(Topics.CERTIFICATES)) {
            leaf = assertInstanceOf(CertificateIssuedEvent.class, Leaves.request(outcomes, tenant, id));
        }
        Path leafPem = TempFiles.write("hsm-leaf", ".pem",
                Pem.encode(Pem.certificate(Base64.getDecoder().decode(leaf.certificate()))));
        OpenSsl.verifyChain(TempFiles.write("hsm-root", ".pem", (String) root.get("certificatePem")),
                TempFiles.write("hsm-chain", ".pem", Renewals.chain(tenant, id, null)), leafPem);
        byte[] crl = Renewals.crl((String) renewed.get("crlUrl"));
        String check = OpenSsl.run("crl", "-inform", "DER", "-noout", "-in", TempFiles.write("hsm", ".crl", crl)
                .toString(), "-CAfile", TempFiles.write("hsm-issuing2", ".pem", Pem.encode(renewedCertificate))
                        .toString());
        assertTrue(check.contains("verify OK"), check);
    }

    @Test
    void externalCaKeepsItsUploadedCertificateInTheToken() throws Exception {
        String tenant = "hsm-byo-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(CaApi.issuingBody("unused", "HSM BYO Issuing", 2, "EC_P256",
                List.of("CLIENT_AUTH")));
        body.remove("parentId");
        body.remove("validityYears");
        body.put("external", true);
        String id = (String) CaApi.create(tenant, body).get("id");
        assertTrue(tokenCertificate(id).getSubjectX500Principal().getName().contains("placeholder"),
                "before the upload the token holds the placeholder");

        Path dir = Files.createTempDirectory("hsm-byo");
        Path rootKey = dir.resolve("root.key");
        Path rootPem = dir.resolve("root.pem");
        OpenSsl.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", rootKey.toString(), "-out",
                rootPem.toString(), "-subj", "/CN=HSM BYO Root " + tenant, "-days", "3650", "-addext",
                "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        String csr = given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities/{id}/csr",
                tenant, id).then().statusCode(200).extract().asString();
        Path signed = dir.resolve("issuing.pem");
        OpenSsl.run("x509", "-req", "-in", TempFiles.write("byo", ".csr", csr).toString(), "-CA", rootPem.toString(),
                "-CAkey", rootKey.toString(), "-set_serial", "0x1234567890abcdef", "-days", "730", "-extfile",
                TempFiles.write("byo", ".cnf", "basicConstraints=critical,CA:true,pathlen:0\n"
                        + "keyUsage=critical,keyCertSign,cRLSign\nextendedKeyUsage=clientAuth\n"
                        + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n").toString(),
                "-out", signed.toString());
        given().auth().oauth2(CaApi.admin(tenant)).contentType("application/json")
                .body(Map.of("certificate", Files.readString(signed), "chain", Files.readString(rootPem)))
                .post("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id).then().statusCode(200);

        assertEquals(Pem.certificate(Files.readString(signed)), tokenCertificate(id),
                "the token keeps the uploaded certificate, not the placeholder");
    }

    private static Pkcs11KeyProtection reader;

    private static synchronized Pkcs11KeyProtection reader() {
        if (reader == null) {
            reader = new Pkcs11KeyProtection(Pkcs11Config.load(SoftHsmToken.pkcs11ConfigFile()).withName("ca-renewal-reader"));
        }
        return reader;
    }

    private static X509Certificate tokenCertificate(String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS11", reader().provider());
        store.load(null, SoftHsmToken.token().pin());
        return (X509Certificate) store.getCertificate(alias);
    }
}
