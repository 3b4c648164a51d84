package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.service.CrlPublisher;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.Pem;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * Delta CRLs (RFC 5280 5.2.4): a complete CRL points to its delta (Freshest CRL); the delta names the complete CRL
 * it updates and lists what was revoked since. A relying party that holds the complete CRL from before a revocation
 * and the current delta finds the certificate revoked (OpenSSL -use_deltas). A complete CRL published on schedule
 * becomes the next base; one signed after a revocation does not. Leaves name the delta CRL in their own Freshest CRL
 * extension.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaCrlTest {

    private static final String DELTA_INDICATOR = "2.5.29.27";
    private static final String FRESHEST_CRL = "2.5.29.46";

    @Inject
    CrlPublisher publisher;

    private final String tenant = "delta-" + UUID.randomUUID().toString().substring(0, 8);
    private TopicReader certificateEvents;

    @BeforeAll
    void readers() {
        certificateEvents = new TopicReader(Topics.CERTIFICATES);
    }

    @AfterAll
    void close() {
        certificateEvents.close();
    }

    @Test
    void aDeltaListsWhatWasRevokedSinceItsBase() throws Exception {
        Map<String, Object> root = CaApi.createRoot(tenant);
        String rootId = (String) root.get("id");
        Map<String, Object> issuing = CaApi.createIssuing(tenant, rootId);
        String id = (String) issuing.get("id");
        CertificateIssuedEvent revoked = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, id);
        CertificateIssuedEvent kept = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, id);

        String freshest = OpenSsl.run("x509", "-in", leafFile(kept), "-noout", "-ext", "freshestCRL");
        assertTrue(freshest.contains("URI:" + issuing.get("crlUrl") + "/delta"),
                "the leaf names its CA's delta CRL as its Freshest CRL: " + freshest);

        byte[] baseDer = download("/pki/{t}/{id}/crl", id);
        X509CRL base = Pem.crl(baseDer);
        long baseNumber = number(base, "2.5.29.20");
        assertNotNull(base.getExtensionValue(FRESHEST_CRL), "the complete CRL points to its delta");
        X509CRL firstDelta = Pem.crl(download("/pki/{t}/{id}/crl/delta", id));
        assertEquals(baseNumber, number(firstDelta, DELTA_INDICATOR));
        assertTrue(firstDelta.getCriticalExtensionOIDs().contains(DELTA_INDICATOR));
        assertNull(firstDelta.getRevokedCertificates(), "nothing revoked since the base");

        CaApi.revokeCertificate(tenant, revoked.serialNumber(), "keyCompromise").then().statusCode(200);
        byte[] deltaDer = download("/pki/{t}/{id}/crl/delta", id);
        X509CRL delta = Pem.crl(deltaDer);
        delta.verify(Pem.certificate((String) issuing.get("certificatePem")).getPublicKey());
        assertEquals(baseNumber, number(delta, DELTA_INDICATOR), "a revocation does not move the base");
        assertTrue(number(delta, "2.5.29.20") > number(firstDelta, "2.5.29.20"));
        assertNotNull(delta.getRevokedCertificate(new BigInteger(revoked.serialNumber(), 16)));
        assertNull(delta.getRevokedCertificate(new BigInteger(kept.serialNumber(), 16)));

        // a relying party that holds the complete CRL from before the revocation, and the delta
        Path chain = TempFiles.write("chain", ".pem", (String) root.get("certificatePem") + issuing.get("certificatePem"));
        Path baseFile = TempFiles.write("base", ".pem", Pem.encode(base));
        Path deltaFile = TempFiles.write("delta", ".pem", Pem.encode(delta));
        AssertionError refused = assertThrows(AssertionError.class, () -> OpenSsl.run("verify", "-crl_check",
                "-use_deltas", "-CAfile", chain.toString(), "-CRLfile", baseFile.toString(), "-CRLfile",
                deltaFile.toString(), leafFile(revoked)));
        assertTrue(refused.getMessage().contains("certificate revoked"), refused.getMessage());
        OpenSsl.run("verify", "-crl_check", "-use_deltas", "-CAfile", chain.toString(), "-CRLfile",
                baseFile.toString(), "-CRLfile", deltaFile.toString(),
                leafFile(kept));
        OpenSsl.run("verify", "-crl_check", "-CAfile", chain.toString(), "-CRLfile", baseFile.toString(),
                leafFile(revoked));

        // the publisher's complete CRL past half its validity is a new base; the old revocation is on it
        Database.execute("update issued_certificate set revoked_at = now() - interval '1 hour'"
                + " where authority_id = ? and serial_hex = ?", id, revoked.serialNumber());
        Database.execute("update authority set crl_next_update = now() + interval '3 days' where id = ?", id);
        publisher.publishDue();
        long newBase = Database.awaitCount(1, "select count(*) from authority_delta_crl d join authority a"
                + " on a.id = d.authority_id where d.authority_id = ? and d.base_crl_number = a.crl_number - 1"
                + " and not d.crl_stale", id);
        assertEquals(1, newBase, "the new complete CRL is the base of the new delta");
        X509CRL complete = Pem.crl(download("/pki/{t}/{id}/crl", id));
        assertNotNull(complete.getRevokedCertificate(new BigInteger(revoked.serialNumber(), 16)));
        X509CRL afterSchedule = Pem.crl(download("/pki/{t}/{id}/crl/delta", id));
        assertEquals(number(complete, "2.5.29.20"), number(afterSchedule, DELTA_INDICATOR));
        assertNull(afterSchedule.getRevokedCertificates(), "revoked before the new base");
    }

    @Test
    void anUnknownCaHasNoDelta() {
        given().get("/pki/{t}/{id}/crl/delta", tenant, UUID.randomUUID().toString()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private byte[] download(String path, String id) {
        return given().get(path, tenant, id).then().statusCode(200).contentType("application/pkix-crl").extract()
                .asByteArray();
    }

    private static String leafFile(CertificateIssuedEvent issued) {
        byte[] der = java.util.Base64.getDecoder().decode(issued.certificate());
        return TempFiles.write("leaf", ".pem", Pem.encode(Pem.certificate(der))).toString();
    }

    /** A CRL number extension's value (cRLNumber or the delta's BaseCRLNumber). */
    private static long number(X509CRL crl, String oid) {
        byte[] value = crl.getExtensionValue(oid);
        assertNotNull(value, oid);
        return new BigInteger(1, Arrays.copyOfRange(value, 4, value.length)).longValueExact();
    }
}
