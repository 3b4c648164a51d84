package io.stratus.ca.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.CaKeyProtection.GeneratedCaKey;
import io.stratus.crypto.CaSigningKey;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyWrapping;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Pkcs11Config;
import io.stratus.crypto.Pkcs11KeyProtection;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SoftwareKeyProtection;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;
import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SoftHsmToken;
import io.stratus.testkit.tools.SystemTool;

/**
 * ca-service with {@code stratus.ca.key-protection=pkcs11} against a SoftHSM2 token: CA keys are generated and used
 * inside the token, the database holds only their alias, and CAs created earlier in software mode keep working.
 */
@QuarkusTest
@TestProfile(Pkcs11ModeTest.Pkcs11Mode.class)
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@RequiresSystemTool(SystemTool.SOFTHSM2)
class Pkcs11ModeTest {

    /** PKCS#11 mode on a fresh SoftHSM2 token; a previous KEK makes the start-up rotation run too. */
    public static class Pkcs11Mode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stratus.ca.key-protection", "pkcs11",
                    "stratus.ca.pkcs11.config", SoftHsmToken.pkcs11ConfigFileIfInstalled(),
                    "stratus.ca.previous-kek", Base64.getEncoder().encodeToString(KeyWrapping.newKek()));
        }
    }

    @Test
    void caKeysLiveInTheTokenAndSignWhatOpenSslAccepts() throws Exception {
        String tenant = "hsm-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> root = CaApi.create(tenant, CaApi.rootBody("HSM Root", 10, "RSA_2048",
                List.of("CLIENT_AUTH", "SERVER_AUTH")));
        String rootId = (String) root.get("id");
        Map<String, Object> issuing = CaApi.create(tenant, CaApi.issuingBody(rootId, "HSM Issuing", 2, "EC_P256",
                List.of("CLIENT_AUTH")));
        String issuingId = (String) issuing.get("id");

        CertificateIssuedEvent issued;
        try (TopicReader outcomes = new TopicReader(Topics.CERTIFICATES)) {
            issued = assertInstanceOf(CertificateIssuedEvent.class, Leaves.request(outcomes, tenant, issuingId));
        }
        Path rootPem = TempFiles.write("hsm-root", ".pem", (String) root.get("certificatePem"));
        Path issuingPem = TempFiles.write("hsm-issuing", ".pem", (String) issuing.get("certificatePem"));
        Path leaf = TempFiles.write("hsm-leaf", ".pem", "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(Base64.getDecoder()
                        .decode(issued.certificate())) + "\n-----END CERTIFICATE-----\n");
        String verify = OpenSsl.run("verify", "-x509_strict", "-CAfile", rootPem.toString(), "-untrusted",
                issuingPem.toString(), leaf.toString());
        assertTrue(verify.contains(": OK"), verify);

        byte[] crl = given().get("/pki/{t}/{id}/crl", tenant, issuingId).then().statusCode(200).extract()
                .asByteArray();
        String crlCheck = OpenSsl.run("crl", "-inform", "DER", "-noout", "-in",
                TempFiles.write("hsm-crl", ".crl", crl).toString(), "-CAfile", issuingPem.toString());
        assertTrue(crlCheck.contains("verify OK"), crlCheck);

        for (String id : List.of(rootId, issuingId)) {
            assertKeyReferenceIsTheAliasOnly(id);
        }
        // the token holds the issuing CA's key under its id, cannot export it, and it matches the certificate
        Pkcs11KeyProtection token = new Pkcs11KeyProtection(Pkcs11Config.load(SoftHsmToken.pkcs11ConfigFile())
                .withName("ca-test-reader"));
        CaSigningKey key = token.open(issuingId, KeyAlgorithm.EC_P256, issuingId.getBytes(StandardCharsets.UTF_8));
        assertNull(key.privateKey().getEncoded(), "a token key is not extractable");
        assertArrayEquals(Pem.certificate((String) issuing.get("certificatePem")).getPublicKey().getEncoded(),
                key.publicKey().getEncoded());
    }

    @Test
    void softwareCaFromBeforeTheSwitchStillSigns() throws Exception {
        // a row as written before key protection existed: no key_protection column set, the blob under the KEK
        String tenant = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String id = UUID.randomUUID().toString();
        byte[] kek = Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("stratus.ca.kek", String.class));
        GeneratedCaKey generated = new SoftwareKeyProtection(kek).generate(id, KeyAlgorithm.EC_P256);
        Instant now = Instant.now();
        X509Certificate certificate = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Legacy Root,O=Contoso,C=US",
                KeyAlgorithm.EC_P256, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(3650))),
                generated.key().keyPair());
        try (var db = Database.connect(); var insert = db.prepareStatement("insert into authority (id, tenant,"
                + " display_name, kind, status, subject_dn, serial_hex, key_algorithm, not_before, not_after,"
                + " certificate_pem, key_reference, created_at) values (?, ?, 'Legacy', 'ROOT', 'ACTIVE', ?, ?,"
                + " 'EC_P256', ?, ?, ?, ?, now())")) {
            insert.setString(1, id);
            insert.setString(2, tenant);
            insert.setString(3, "CN=Legacy Root,O=Contoso,C=US");
            insert.setString(4, Serials.hex(certificate.getSerialNumber()));
            insert.setTimestamp(5, Timestamp.from(certificate.getNotBefore().toInstant()));
            insert.setTimestamp(6, Timestamp.from(certificate.getNotAfter().toInstant()));
            insert.setString(7, Pem.encode(certificate));
            insert.setBytes(8, generated.reference());
            insert.executeUpdate();
        }
        assertEquals(1, Database.count("select count(*) from authority where id = ? and key_protection = 'software'",
                id), "rows without a protection are software rows");

        byte[] crl = given().get("/pki/{t}/{id}/crl", tenant, id).then().statusCode(200).extract().asByteArray();
        String crlCheck = OpenSsl.run("crl", "-inform", "DER", "-noout", "-in",
                TempFiles.write("legacy-crl", ".crl", crl).toString(), "-CAfile",
                TempFiles.write("legacy-root", ".pem", Pem.encode(certificate)).toString());
        assertTrue(crlCheck.contains("verify OK"), crlCheck);
    }

    private static void assertKeyReferenceIsTheAliasOnly(String id) throws Exception {
        try (var db = Database.connect(); var query = db.prepareStatement(
                "select key_protection, key_reference from authority where id = ?")) {
            query.setString(1, id);
            ResultSet row = query.executeQuery();
            assertTrue(row.next());
            assertEquals("pkcs11", row.getString(1));
            assertArrayEquals(id.getBytes(StandardCharsets.UTF_8), row.getBytes(2),
                    "the row holds the token alias (the CA id) and no key material");
        }
    }
}
