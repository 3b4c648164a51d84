package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Duration;
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
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.Pem;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CrlPublishedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * CRLs are published on time without anyone downloading them (a new CA's first, one past half its validity), only
 * when due, right after a revocation, and without the revoked certificates that expired before the CRLs in use were
 * made. The publisher's round is started by the test (its timer runs every minute) or by a revocation.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrlPublisherTest {

    @Inject
    CrlPublisher publisher;

    private final String tenant = "crlpub-" + UUID.randomUUID().toString().substring(0, 8);
    private TopicReader authorityEvents;
    private TopicReader certificateEvents;

    @BeforeAll
    void readers() {
        authorityEvents = new TopicReader(Topics.AUTHORITIES);
        certificateEvents = new TopicReader(Topics.CERTIFICATES);
    }

    @AfterAll
    void close() {
        authorityEvents.close();
        certificateEvents.close();
    }

    @Test
    void aNewCaGetsItsCrlAndOnePastHalfItsValidityANewOneWithoutADownload() throws Exception {
        String rootId = (String) CaApi.createRoot(tenant).get("id");

        publisher.publishDue();
        CrlPublishedEvent first = awaitCrl(rootId, 0);
        assertEquals(Duration.ofDays(7), Duration.between(first.thisUpdate(), first.nextUpdate()));

        // a round with nothing due signs nothing: the next download still gets the first CRL
        publisher.publishDue();
        assertEquals(first.crlNumber(), crlNumber(download(rootId)));

        // three days later the CRL has less than half of its seven days left
        Database.execute("update authority set crl_next_update = now() + interval '3 days' where id = ?", rootId);
        publisher.publishDue();
        CrlPublishedEvent second = awaitCrl(rootId, first.crlNumber());
        assertTrue(second.thisUpdate().compareTo(first.thisUpdate()) >= 0);
        X509CRL crl = download(rootId);
        assertEquals(second.crlNumber(), crlNumber(crl));
        assertEquals(Duration.ofDays(7), Duration.between(crl.getThisUpdate().toInstant(),
                crl.getNextUpdate().toInstant()));
    }

    @Test
    void aRevokedCertificateExpiredForLongerThanACrlsValidityLeavesTheCrl() throws Exception {
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        Map<String, Object> issuing = CaApi.createIssuing(tenant, rootId);
        String issuingId = (String) issuing.get("id");
        CertificateIssuedEvent expired = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId);
        CertificateIssuedEvent valid = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId);
        CaApi.revokeCertificate(tenant, expired.serialNumber(), "keyCompromise").then().statusCode(200);
        CaApi.revokeCertificate(tenant, valid.serialNumber(), "superseded").then().statusCode(200);
        X509CRL both = download(issuingId);
        assertTrue(listed(both, expired.serialNumber()) && listed(both, valid.serialNumber()));
        long number = crlNumber(both);

        // expired more than a CRL validity (7 days) ago: the CRLs since have listed it, the next one leaves it out
        Database.execute("update issued_certificate set not_after = now() - interval '8 days'"
                + " where authority_id = ? and serial_hex = ?", issuingId, expired.serialNumber());
        Database.execute("update authority set crl_stale = true where id = ?", issuingId);
        publisher.publishDue();
        CrlPublishedEvent next = awaitCrl(issuingId, number);

        byte[] der = given().get("/pki/{t}/{id}/crl", tenant, issuingId).then().statusCode(200).extract()
                .asByteArray();
        X509CRL crl = Pem.crl(der);
        assertEquals(next.crlNumber(), crlNumber(crl));
        assertFalse(listed(crl, expired.serialNumber()), "an expired certificate leaves the CRL");
        assertTrue(listed(crl, valid.serialNumber()), "a revoked certificate that is still valid stays");
        String text = OpenSsl.run("crl", "-inform", "DER", "-in", TempFiles.write("crl", ".crl", der).toString(),
                "-noout", "-verify", "-CAfile",
                TempFiles.write("issuing", ".pem", (String) issuing.get("certificatePem")).toString(), "-text");
        assertTrue(text.contains("verify OK"), text);
        assertTrue(text.contains("Superseded") && !text.contains("Key Compromise"), text);
    }

    /** A revocation wakes the publisher: the CRL that lists it is signed and announced before anyone downloads it. */
    @Test
    void aRevocationHasItsCrlSignedWithoutADownload() throws Exception {
        String rootId = (String) CaApi.createRoot(tenant).get("id");
        String issuingId = (String) CaApi.createIssuing(tenant, rootId).get("id");
        CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId);

        long before = crlNumber(download(issuingId));

        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "keyCompromise").then().statusCode(200);
        CrlPublishedEvent published = awaitCrl(issuingId, before);

        assertEquals(1, Database.count("select count(*) from authority where id = ? and not crl_stale", issuingId));
        X509CRL crl = download(issuingId);
        assertEquals(published.crlNumber(), crlNumber(crl), "the download serves the CRL the publisher signed");
        assertTrue(listed(crl, leaf.serialNumber()));
    }

    /** The next complete CRL of the CA: numbered above {@code after} (delta CRLs share the sequence). */
    private CrlPublishedEvent awaitCrl(String authorityId, long after) {
        return (CrlPublishedEvent) Kafka.decode(authorityEvents.await(r -> Kafka.decode(r).data()
                instanceof CrlPublishedEvent published && published.authorityId().equals(authorityId)
                && published.crlNumber() > after)).data();
    }

    private X509CRL download(String authorityId) {
        return Pem.crl(given().get("/pki/{t}/{id}/crl", tenant, authorityId).then().statusCode(200).extract()
                .asByteArray());
    }

    private static boolean listed(X509CRL crl, String serialHex) {
        return crl.getRevokedCertificate(new BigInteger(serialHex, 16)) != null;
    }

    private static long crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue("2.5.29.20");
        return new BigInteger(1, Arrays.copyOfRange(value, 4, value.length)).longValue();
    }
}
