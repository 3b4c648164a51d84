package io.stratus.ca.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
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
import io.quarkus.vertx.VertxContextSupport;
import io.stratus.ca.config.KeyEncryptionKey;
import io.stratus.ca.service.KekRotation;
import io.stratus.ca.service.KekRotation.Result;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.ExternalCas;
import io.stratus.ca.support.ExternalRoot;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.Renewals;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.CaSigningKey;
import io.stratus.crypto.Crls;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyWrapping;
import io.stratus.crypto.KeyWrappingException;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SoftwareKeyProtection;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** KEK rotation: keys wrapped under the previous KEK move to the current one, without re-keying the CA. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class KekRotationTest {

    @Inject
    KekRotation rotation;

    private final byte[] currentKek = Base64.getDecoder()
            .decode(ConfigProvider.getConfig().getValue("stratus.ca.kek", String.class));

    @Test
    void keysUnderThePreviousKekAreRewrappedToTheCurrentOne() throws Throwable {
        String tenant = "rotation-" + UUID.randomUUID().toString().substring(0, 8);
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        Map<String, Object> issuing = CaApi.createIssuing(tenant, rootId);
        String issuingId = (String) issuing.get("id");
        X509Certificate issuingCertificate = Pem.certificate((String) issuing.get("certificatePem"));

        // the issuing CA's key as a service still on the previous KEK would have stored it
        byte[] previousKek = KeyWrapping.newKek();
        byte[] underPrevious = KeyWrapping.rewrap(keyReference(issuingId), currentKek, previousKek, aad(issuingId));
        storeKeyReference(issuingId, underPrevious);
        assertThrows(KeyWrappingException.class,
                () -> new SoftwareKeyProtection(currentKek).open(issuingId, KeyAlgorithm.EC_P256, underPrevious));

        Result result = rotate(previousKek);
        assertEquals(1, result.rewrapped(), result.toString());
        assertEquals(0, result.unreadable(), result.toString());
        assertTrue(result.alreadyCurrent() >= 1, "the root (and CAs of other tests) were already current");

        byte[] rewrapped = keyReference(issuingId);
        assertThrows(KeyWrappingException.class,
                () -> KeyWrapping.unwrap(rewrapped, previousKek, "EC", aad(issuingId)),
                "the previous KEK no longer opens the key");
        CaSigningKey key = new SoftwareKeyProtection(currentKek).open(issuingId, KeyAlgorithm.EC_P256, rewrapped);
        assertArrayEquals(issuingCertificate.getPublicKey().getEncoded(), key.publicKey().getEncoded(),
                "same key, no re-keying");
        X509CRL crl = Crls.build(issuingCertificate, key.privateKey(), BigInteger.ONE, Instant.now(),
                Instant.now().plus(Duration.ofDays(1)), List.of());
        crl.verify(issuingCertificate.getPublicKey()); // the re-wrapped key signs for the CA's certificate

        try (TopicReader outcomes = new TopicReader(Topics.CERTIFICATES)) {
            assertInstanceOf(CertificateIssuedEvent.class, Leaves.request(outcomes, tenant, issuingId),
                    "the service keeps issuing with the CA");
        }
        assertEquals(0, rotate(previousKek).rewrapped(), "a second run has nothing left to do");
    }

    @Test
    void aSupersededKeyOfAnEarlierGenerationIsRewrappedAndCounted() throws Throwable {
        String tenant = "rotation-" + UUID.randomUUID().toString().substring(0, 8);
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        Renewals.renew(tenant, rootId, Renewals.body(true, null, true)); // generation 2 with a new key
        String generationOne = "select key_reference from ca_certificate where authority_id = ? and generation = 1";
        byte[] previousKek = KeyWrapping.newKek();
        byte[] underPrevious = KeyWrapping.rewrap(selectKeyReference(generationOne, rootId), currentKek, previousKek, aad(rootId));
        updateKeyReference("update ca_certificate set key_reference = ? where authority_id = ? and generation = 1", rootId,
                underPrevious);

        Result result = rotate(previousKek);

        assertEquals(1, result.rewrapped(), "the old key (it still signs its CRL) is re-wrapped and counted: " + result);
        assertEquals(0, result.unreadable(), result.toString());
        new SoftwareKeyProtection(currentKek).open(rootId, KeyAlgorithm.EC_P256, selectKeyReference(generationOne, rootId));
    }

    @Test
    void keyUnderNeitherKekIsCountedAndLeftAlone() throws Throwable {
        String tenant = "rotation-" + UUID.randomUUID().toString().substring(0, 8);
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        byte[] original = keyReference(rootId);
        byte[] underStranger = KeyWrapping.rewrap(original, currentKek, KeyWrapping.newKek(), aad(rootId));
        storeKeyReference(rootId, underStranger);
        try {
            Result result = rotate(KeyWrapping.newKek());
            assertEquals(1, result.unreadable(), result.toString());
            assertEquals(0, result.rewrapped(), result.toString());
            assertArrayEquals(underStranger, keyReference(rootId), "an unreadable key is not touched");
        } finally {
            storeKeyReference(rootId, original);
        }
    }

    @Test
    void aRenewalKeyWaitingForItsExternalSignatureIsRewrappedToo() throws Throwable {
        String tenant = "rotation-" + UUID.randomUUID().toString().substring(0, 8);
        ExternalRoot root = ExternalRoot.create("Rotation Root " + tenant);
        String id = (String) ExternalCas.live(tenant, root).get("id");
        Renewals.renew(tenant, id, Map.of("newKey", true, "activate", true));
        String csrPem = given().auth().oauth2(CaApi.admin(tenant))
                .get("/api/v1/tenants/{t}/authorities/{id}/renewal/csr", tenant, id).then().statusCode(200)
                .extract().asString();
        byte[] previousKek = KeyWrapping.newKek();
        byte[] underPrevious = KeyWrapping.rewrap(waitingKeyReference(id), currentKek, previousKek, aad(id));
        storeWaitingKeyReference(id, underPrevious);

        rotate(previousKek);

        CaSigningKey key = new SoftwareKeyProtection(currentKek).open(id, KeyAlgorithm.EC_P256,
                waitingKeyReference(id));
        assertArrayEquals(Csrs.parse(Pem.csr(csrPem)).publicKey().getEncoded(), key.publicKey().getEncoded(),
                "the waiting renewal's own key, now under the current KEK");
        String signed = root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 730);
        given().auth().oauth2(CaApi.admin(tenant)).contentType("application/json")
                .body(Map.of("certificate", signed, "chain", root.pem()))
                .post("/api/v1/tenants/{t}/authorities/{id}/renewal/upload", tenant, id).then().statusCode(200);
        try (TopicReader outcomes = new TopicReader(Topics.CERTIFICATES)) {
            CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(outcomes, tenant, id);
            Pem.certificate(Base64.getMimeDecoder().decode(leaf.certificate()))
                    .verify(Pem.certificate(signed).getPublicKey()); // signed by the renewed key
        }
    }

    private static byte[] waitingKeyReference(String id) throws Exception {
        return selectKeyReference("select key_reference from external_renewal where authority_id = ?", id);
    }

    private static void storeWaitingKeyReference(String id, byte[] reference) throws Exception {
        updateKeyReference("update external_renewal set key_reference = ? where authority_id = ?", id, reference);
    }

    private Result rotate(byte[] previousKek) throws Throwable {
        KeyEncryptionKey previous = KeyEncryptionKey.fromBase64(KeyEncryptionKey.PREVIOUS,
                Base64.getEncoder().encodeToString(previousKek));
        return VertxContextSupport.subscribeAndAwait(() -> rotation.rewrapFrom(previous));
    }

    private static byte[] aad(String caId) {
        return caId.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyReference(String id) throws Exception {
        return selectKeyReference("select key_reference from authority where id = ? and key_protection = 'software'",
                id);
    }

    private static void storeKeyReference(String id, byte[] reference) throws Exception {
        updateKeyReference("update authority set key_reference = ? where id = ?", id, reference);
    }

    private static byte[] selectKeyReference(String sql, String id) throws Exception {
        try (var db = Database.connect(); var query = db.prepareStatement(sql)) {
            query.setString(1, id);
            ResultSet row = query.executeQuery();
            assertTrue(row.next(), "a software key reference of " + id);
            return row.getBytes(1);
        }
    }

    private static void updateKeyReference(String sql, String id, byte[] reference) throws Exception {
        try (var db = Database.connect(); var update = db.prepareStatement(sql)) {
            update.setBytes(1, reference);
            update.setString(2, id);
            assertEquals(1, update.executeUpdate());
        }
    }
}
