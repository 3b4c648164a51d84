package io.stratus.ca.renewal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.Renewals;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.events.AuthorityRenewedEvent;
import io.stratus.events.AuthorityRenewedEvent.RenewalPhase;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * Renewing CAs in place with real Kafka, PostgreSQL and OpenSSL: same-key and new-key renewals of roots and issuing
 * CAs, old and new leaves verifying against their chains, one CRL per key, and the AuthorityRenewed events.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class CaRenewalTest {

    private TopicReader certificateEvents;
    private TopicReader authorityEvents;

    @BeforeAll
    void open() {
        certificateEvents = new TopicReader(Topics.CERTIFICATES);
        authorityEvents = new TopicReader(Topics.AUTHORITIES);
    }

    @AfterAll
    void close() {
        certificateEvents.close();
        authorityEvents.close();
    }

    private static String tenant() {
        return "renew-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void rootRenewsWithTheSameKey() throws Exception {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        String id = (String) root.get("id");
        assertEquals(1, root.get("generation"));
        X509Certificate before = Pem.certificate((String) root.get("certificatePem"));

        Map<String, Object> renewed = Renewals.renew(tenant, id, Renewals.body(false, 5, null));
        X509Certificate after = Pem.certificate((String) renewed.get("certificatePem"));

        assertEquals(2, renewed.get("generation"));
        assertNull(renewed.get("nextCertificate"));
        assertEquals(before.getSubjectX500Principal(), after.getSubjectX500Principal());
        assertEquals(after.getSubjectX500Principal(), after.getIssuerX500Principal(), "a root signs itself");
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
        assertEquals(before.getPublicKey(), after.getPublicKey(), "same key");
        assertEquals(before.getExtendedKeyUsage(), after.getExtendedKeyUsage(), "same EKUs");
        assertEquals(Serials.hex(after.getSerialNumber()), renewed.get("serialNumber"));
        assertEquals(root.get("crlUrl"), renewed.get("crlUrl"), "same key, same CRL");
        List<Map<String, Object>> previous = cast(renewed.get("previousCertificates"));
        assertEquals(1, previous.size());
        assertEquals(1, previous.get(0).get("generation"));
        assertEquals(root.get("serialNumber"), previous.get(0).get("serialNumber"));
        Path pem = TempFiles.write("root2", ".pem", (String) renewed.get("certificatePem"));
        OpenSsl.verifyChain(pem, pem, pem);

        assertEquals(Pem.encode(before).trim(), Renewals.chain(tenant, id, 1).trim(), "generation 1 stays downloadable");
        AuthorityRenewedEvent announced = renewedEvent(id, RenewalPhase.ANNOUNCED);
        AuthorityRenewedEvent active = renewedEvent(id, RenewalPhase.ACTIVE);
        assertEquals(2, active.generation());
        assertFalse(active.newKey());
        assertEquals(Pem.encode(after).trim(), active.certificatePem().trim());
        assertEquals(announced.certificatePem(), active.certificatePem(), "activate:true announces, then activates");
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and action = ?", tenant,
                "AUTHORITY_RENEWED"));
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and action = ?", tenant,
                "AUTHORITY_RENEWAL_ACTIVATED"));
    }

    @Test
    void issuingCaRenewsWithANewKeyAndOldLeavesStayCheckable() throws Exception {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        Map<String, Object> issuing = CaApi.createIssuing(tenant, (String) root.get("id"));
        String id = (String) issuing.get("id");
        CertificateIssuedEvent oldLeaf = issue(tenant, id);

        // announce only: the CA keeps signing with generation 1
        Map<String, Object> announced = Renewals.renew(tenant, id, Renewals.body(true, null, false));
        assertEquals(1, announced.get("generation"));
        Map<String, Object> next = cast(announced.get("nextCertificate"));
        assertEquals(2, next.get("generation"));
        assertEquals(true, next.get("newKey"));
        X509Certificate nextCertificate = Pem.certificate((String) next.get("certificatePem"));
        X509Certificate oldCertificate = Pem.certificate((String) issuing.get("certificatePem"));
        assertNotEquals(oldCertificate.getPublicKey(), nextCertificate.getPublicKey(), "a new key");
        assertEquals(oldCertificate.getSubjectX500Principal(), nextCertificate.getSubjectX500Principal());
        AuthorityRenewedEvent announcedEvent = renewedEvent(id, RenewalPhase.ANNOUNCED);
        assertEquals(2, announcedEvent.generation());
        assertTrue(announcedEvent.newKey());
        assertEquals(List.of(nextCertificate, Pem.certificate((String) root.get("certificatePem"))),
                Pem.certificates(announcedEvent.chainPem()), "the announced certificate with its root");
        CertificateIssuedEvent stillOld = issue(tenant, id);
        assertArrayEquals(authorityKeyId(oldLeaf), authorityKeyId(stillOld), "announced is not in use yet");
        Renewals.renew(tenant, CaApi.admin(tenant), id, Renewals.body(false, null, null)).then().statusCode(409);

        Map<String, Object> active = Renewals.activate(tenant, CaApi.admin(tenant), id).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertEquals(2, active.get("generation"));
        assertNull(active.get("nextCertificate"));
        assertEquals(next.get("certificatePem"), active.get("certificatePem"));
        assertTrue(((String) active.get("crlUrl")).endsWith("/pki/" + tenant + "/" + id + "/crl/2"));
        AuthorityRenewedEvent activeEvent = renewedEvent(id, RenewalPhase.ACTIVE);
        assertEquals(2, activeEvent.generation());
        assertEquals(announcedEvent.certificatePem(), activeEvent.certificatePem());

        CertificateIssuedEvent newLeaf = issue(tenant, id);
        X509Certificate newLeafCertificate = leafCertificate(newLeaf);
        assertEquals(nextCertificate.getSubjectX500Principal(), newLeafCertificate.getIssuerX500Principal());
        assertArrayEquals(subjectKeyId(nextCertificate), authorityKeyId(newLeaf), "AKI = the new key's SKI");
        assertEquals(active.get("crlUrl"), crlUrl(newLeafCertificate));
        assertEquals(issuing.get("crlUrl"), crlUrl(leafCertificate(oldLeaf)));

        // old leaf against the old chain, new leaf against the new chain, and not crosswise
        Path rootPem = TempFiles.write("root", ".pem", (String) root.get("certificatePem"));
        Path oldChain = TempFiles.write("old", ".pem", Renewals.chain(tenant, id, 1));
        Path newChain = TempFiles.write("new", ".pem", Renewals.chain(tenant, id, null));
        Path oldLeafPem = TempFiles.write("leaf1", ".pem", Pem.encode(leafCertificate(oldLeaf)));
        Path newLeafPem = TempFiles.write("leaf2", ".pem", Pem.encode(leafCertificate(newLeaf)));
        OpenSsl.verifyChain(rootPem, oldChain, oldLeafPem);
        OpenSsl.verifyChain(rootPem, newChain, newLeafPem);
        assertThrows(AssertionError.class, () -> OpenSsl.verifyChain(rootPem, newChain, oldLeafPem));

        // each key's CRL: signed by that key, listing what that key signed
        CaApi.revokeCertificate(tenant, oldLeaf.serialNumber(), "keyCompromise").then().statusCode(200);
        CaApi.revokeCertificate(tenant, newLeaf.serialNumber(), "superseded").then().statusCode(200);
        byte[] oldCrl = Renewals.crl((String) issuing.get("crlUrl"));
        byte[] newCrl = Renewals.crl((String) active.get("crlUrl"));
        String oldText = verifiedCrl(oldCrl, oldCertificate);
        String newText = verifiedCrl(newCrl, nextCertificate);
        assertTrue(oldText.contains(oldLeaf.serialNumber().toUpperCase()), oldText);
        assertFalse(oldText.contains(newLeaf.serialNumber().toUpperCase()), oldText);
        assertTrue(newText.contains(newLeaf.serialNumber().toUpperCase()), newText);
        assertFalse(newText.contains(oldLeaf.serialNumber().toUpperCase()), newText);
        assertThrows(AssertionError.class, () -> verifiedCrl(oldCrl, nextCertificate), "the old CRL is the old key's");
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and action = ?", tenant,
                "AUTHORITY_RENEWAL_ACTIVATED"));
    }

    @Test
    void rootRenewsWithANewKeyAndEachKeysCrlListsTheIssuingCasItSigned() throws Exception {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        String rootId = (String) root.get("id");
        Map<String, Object> issuing = CaApi.createIssuing(tenant, rootId);
        String issuingId = (String) issuing.get("id");
        X509Certificate oldRoot = Pem.certificate((String) root.get("certificatePem"));

        Map<String, Object> renewedRoot = Renewals.renew(tenant, rootId, Renewals.body(true, 10, true));
        X509Certificate newRoot = Pem.certificate((String) renewedRoot.get("certificatePem"));
        assertNotEquals(oldRoot.getPublicKey(), newRoot.getPublicKey());
        newRoot.verify(newRoot.getPublicKey());
        // the issuing CA, signed by the old root key, still chains to the old root certificate
        List<X509Certificate> issuingChain = Pem.certificates(Renewals.chain(tenant, issuingId, null));
        assertEquals(oldRoot, issuingChain.get(1));
        OpenSsl.verifyChain(TempFiles.write("root1", ".pem", Pem.encode(oldRoot)),
                TempFiles.write("none", ".pem", Pem.encode(oldRoot)),
                TempFiles.write("issuing1", ".pem", (String) issuing.get("certificatePem")));

        // the issuing CA renews (same key) under the new root key
        Map<String, Object> renewedIssuing = Renewals.renew(tenant, issuingId, Renewals.body(false, 2, true));
        X509Certificate issuing2 = Pem.certificate((String) renewedIssuing.get("certificatePem"));
        assertArrayEquals(subjectKeyId(newRoot), authorityKeyId(issuing2));
        assertEquals(renewedRoot.get("crlUrl"), crlUrl(issuing2));
        assertEquals(newRoot, Pem.certificates(Renewals.chain(tenant, issuingId, null)).get(1));
        CertificateIssuedEvent leaf = issue(tenant, issuingId);
        Path newRootPem = TempFiles.write("root2", ".pem", Pem.encode(newRoot));
        OpenSsl.verifyChain(newRootPem, TempFiles.write("chain2", ".pem", Renewals.chain(tenant, issuingId, null)),
                TempFiles.write("leaf", ".pem", Pem.encode(leafCertificate(leaf))));

        // revoke the issuing CA: each root key's CRL lists the issuing certificate that key signed
        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "cessationOfOperation").then().statusCode(200);
        CaApi.lifecycle(tenant, issuingId, "pause").then().statusCode(200);
        CaApi.lifecycle(tenant, issuingId, "revoke").then().statusCode(200);
        String oldText = verifiedCrl(Renewals.crl((String) root.get("crlUrl")), oldRoot);
        String newText = verifiedCrl(Renewals.crl((String) renewedRoot.get("crlUrl")), newRoot);
        String serial1 = (String) issuing.get("serialNumber");
        String serial2 = Serials.hex(issuing2.getSerialNumber());
        assertTrue(oldText.contains(serial1), oldText);
        assertFalse(oldText.contains(serial2), oldText);
        assertTrue(newText.contains(serial2), newText);
        assertFalse(newText.contains(serial1), newText);
    }

    @Test
    void anAnnouncedRenewalCanBeCancelledAndTheCancellationIsPublished() throws Exception {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        String id = (String) root.get("id");
        Map<String, Object> announced = Renewals.renew(tenant, id, Renewals.body(true, null, false));
        Map<String, Object> next = cast(announced.get("nextCertificate"));
        Map<String, Object> cancelled = Renewals.cancel(tenant, CaApi.admin(tenant), id).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertNull(cancelled.get("nextCertificate"));
        assertEquals(1, cancelled.get("generation"));
        assertEquals(root.get("certificatePem"), cancelled.get("certificatePem"), "the current certificate stays");

        // AuthorityRenewed CANCELLED, after the ANNOUNCED it withdraws, with the cancelled generation's fields
        ConsumerRecord<String, String> announcedRecord = renewedRecord(id, RenewalPhase.ANNOUNCED);
        ConsumerRecord<String, String> cancelledRecord = renewedRecord(id, RenewalPhase.CANCELLED);
        assertEquals(announcedRecord.partition(), cancelledRecord.partition(), "keyed by CA id");
        assertTrue(cancelledRecord.offset() > announcedRecord.offset(), "published after the announcement");
        AuthorityRenewedEvent event = (AuthorityRenewedEvent) Kafka.decode(cancelledRecord).data();
        assertEquals(tenant, event.tenant());
        assertEquals(2, event.generation());
        assertTrue(event.newKey());
        X509Certificate withdrawn = Pem.certificate((String) next.get("certificatePem"));
        assertEquals(withdrawn, Pem.certificate(event.certificatePem()));
        assertEquals(List.of(withdrawn), Pem.certificates(event.chainPem()), "a root's chain is itself");
        assertEquals(withdrawn.getNotBefore().toInstant(), event.notBefore());
        assertEquals(withdrawn.getNotAfter().toInstant(), event.notAfter());
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and action = ?", tenant,
                "AUTHORITY_RENEWAL_CANCELLED"));

        Renewals.activate(tenant, CaApi.admin(tenant), id).then().statusCode(409);
        Renewals.cancel(tenant, CaApi.admin(tenant), id).then().statusCode(409);
        Map<String, Object> again = Renewals.renew(tenant, id, Renewals.body(false, null, true));
        assertEquals(3, again.get("generation"), "generation numbers are never reused");
        assertEquals(3, renewedEvent(id, RenewalPhase.ACTIVE).generation());
    }

    @Test
    void cancellingAnIssuingCaRenewalPublishesTheWithdrawnCertificateWithItsChain() {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        String id = (String) CaApi.createIssuing(tenant, (String) root.get("id")).get("id");
        Map<String, Object> announced = Renewals.renew(tenant, id, Renewals.body(false, null, false));
        Map<String, Object> next = cast(announced.get("nextCertificate"));
        Renewals.cancel(tenant, CaApi.admin(tenant), id).then().statusCode(200);

        AuthorityRenewedEvent event = renewedEvent(id, RenewalPhase.CANCELLED);
        assertEquals(2, event.generation());
        assertFalse(event.newKey());
        assertEquals(List.of(Pem.certificate((String) next.get("certificatePem")),
                Pem.certificate((String) root.get("certificatePem"))), Pem.certificates(event.chainPem()));
    }

    @Test
    void noKeyMaterialInAnswersEventsOrLogs() throws Exception {
        String tenant = tenant();
        String id = (String) CaApi.createRoot(tenant).get("id");
        StringBuilder log = new StringBuilder();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                synchronized (log) {
                    log.append(record.getMessage()).append(' ').append(java.util.Arrays.toString(record.getParameters()))
                            .append('\n');
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("").addHandler(capture);
        String answer;
        try {
            answer = Renewals.renew(tenant, CaApi.admin(tenant), id, Renewals.body(true, null, true)).then()
                    .statusCode(200).extract().asString();
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(capture);
        }
        assertNoKey(answer);
        ConsumerRecord<String, String> record = authorityEvents.await(r -> id.equals(r.key())
                && r.value().contains("io.stratus.authority.renewed") && r.value().contains("\"ACTIVE\""));
        assertNoKey(record.value());
        String logged = log.toString();
        assertTrue(logged.contains(id), "the renewal is logged: " + logged);
        assertNoKey(logged);
        assertFalse(logged.contains("BEGIN"), "no PEM at all in the log");
    }

    private CertificateIssuedEvent issue(String tenant, String authorityId) {
        Object outcome = Leaves.request(certificateEvents, tenant, authorityId);
        assertTrue(outcome instanceof CertificateIssuedEvent, "expected issuance, got " + outcome);
        return (CertificateIssuedEvent) outcome;
    }

    private AuthorityRenewedEvent renewedEvent(String id, RenewalPhase phase) {
        return (AuthorityRenewedEvent) Kafka.decode(renewedRecord(id, phase)).data();
    }

    private ConsumerRecord<String, String> renewedRecord(String id, RenewalPhase phase) {
        ConsumerRecord<String, String> record = authorityEvents.await(r -> id.equals(r.key())
                && r.value().contains("io.stratus.authority.renewed") && r.value().contains("\"" + phase + "\""));
        assertNoKey(record.value());
        AuthorityRenewedEvent event = (AuthorityRenewedEvent) Kafka.decode(record).data();
        assertEquals(id, event.authorityId());
        assertEquals(phase, event.phase());
        assertNotNull(event.notAfter());
        return record;
    }

    private static X509Certificate leafCertificate(CertificateIssuedEvent leaf) {
        return Pem.certificate(java.util.Base64.getMimeDecoder().decode(leaf.certificate()));
    }

    private static String verifiedCrl(byte[] der, X509Certificate issuer) {
        Path crl = TempFiles.write("crl", ".crl", der);
        Path ca = TempFiles.write("issuer", ".pem", Pem.encode(issuer));
        String out = OpenSsl.run("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text", "-verify",
                "-CAfile", ca.toString());
        if (!out.contains("verify OK")) {
            throw new AssertionError("CRL does not verify: " + out);
        }
        X509CRL parsed = Pem.crl(der);
        assertEquals(issuer.getSubjectX500Principal(), parsed.getIssuerX500Principal());
        return out.toUpperCase();
    }

    private static byte[] authorityKeyId(CertificateIssuedEvent leaf) throws Exception {
        return authorityKeyId(leafCertificate(leaf));
    }

    private static byte[] authorityKeyId(X509Certificate certificate) throws Exception {
        return JcaX509ExtensionUtils.parseExtensionValue(certificate.getExtensionValue(Extension.authorityKeyIdentifier
                .getId())) instanceof org.bouncycastle.asn1.ASN1Sequence sequence
                        ? org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(sequence).getKeyIdentifier()
                        : null;
    }

    private static byte[] subjectKeyId(X509Certificate certificate) throws Exception {
        return org.bouncycastle.asn1.ASN1OctetString.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))).getOctets();
    }

    private static String crlUrl(X509Certificate certificate) throws Exception {
        CRLDistPoint points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                certificate.getExtensionValue(Extension.cRLDistributionPoints.getId())));
        DistributionPoint point = points.getDistributionPoints()[0];
        GeneralName name = GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()[0];
        return name.getName().toString();
    }

    private static void assertNoKey(String text) {
        assertFalse(text.contains("PRIVATE KEY"), "no PEM private key");
        assertFalse(text.contains("keyReference") || text.contains("key_reference"), "no key reference");
        assertFalse(text.toLowerCase().contains("wrapped"), "no wrapped key");
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
