package io.stratus.ca.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.scep.ScepRa;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;
import io.stratus.events.RequestPurpose;
import io.stratus.events.StratusEvent;
import io.stratus.events.SubjectAltName;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/** CertificateRequested on Kafka in, CertificateIssued or CertificateRejected out, checked with OpenSSL. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuanceTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final String tenant = "issuance-" + UUID.randomUUID().toString().substring(0, 8);
    private Map<String, Object> root;
    private Map<String, Object> issuing;
    private String issuingId;
    private KeyPair deviceKey;
    private TopicReader outcomes;

    /** Once per class, but after Quarkus pointed RestAssured at the test port (not yet done in @BeforeAll). */
    @BeforeEach
    void setUp() {
        if (root != null) {
            return;
        }
        root = CaApi.create(tenant, CaApi.rootBody("Issuance Root", 10, "RSA_2048",
                List.of("CLIENT_AUTH", "SERVER_AUTH")));
        issuing = CaApi.create(tenant, CaApi.issuingBody((String) root.get("id"), "Issuance Issuing", 2, "RSA_2048",
                List.of("CLIENT_AUTH")));
        issuingId = (String) issuing.get("id");
        deviceKey = KeyAlgorithm.RSA_2048.generate();
        outcomes = new TopicReader(Topics.CERTIFICATES);
    }

    @AfterAll
    void tearDown() {
        outcomes.close();
    }

    private static IssuancePolicy policy(String subject, KeySpec key, List<String> ekus, int days) {
        return new IssuancePolicy(subject, List.of(new SubjectAltName(SubjectAltName.Type.DNS, "dev-1.contoso.test"),
                new SubjectAltName(SubjectAltName.Type.UPN, "dev-1@contoso.test")), key, ekus,
                List.of("digitalSignature", "keyEncipherment"), days);
    }

    private static IssuancePolicy devicePolicy() {
        return policy("CN=dev-1,O=Contoso", KeySpec.rsa(2048), List.of(CLIENT_AUTH), 365);
    }

    /** The key as a request carries it: base64 DER SubjectPublicKeyInfo. */
    private static String publicKey(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    private CertificateRequestedEvent request(String tx, String authorityId, RequestPurpose purpose, String publicKey,
            IssuancePolicy policy) {
        return new CertificateRequestedEvent(tenant, tx, authorityId, "device-" + tx, "assignment-1", "profile-1",
                purpose, publicKey, policy, null);
    }

    /** Sends the request and returns the outcome event for its transaction id. */
    private StratusEvent roundTrip(CertificateRequestedEvent request) {
        Kafka.send(CloudEvent.of("/stratus/enrollment-service", request));
        return outcome(request.transactionId(), request.deviceId());
    }

    private StratusEvent outcome(String tx) {
        return outcome(tx, "device-" + tx);
    }

    private StratusEvent outcome(String tx, String deviceId) {
        ConsumerRecord<String, String> record = outcomes.await(
                r -> r.value().contains("\"transactionId\":\"" + tx + "\""));
        CloudEvent event = Kafka.decode(record);
        assertEquals("/stratus/ca-service", event.source());
        assertEquals(deviceId, record.key(), "keyed by device id");
        return event.data();
    }

    private CertificateRejectedEvent rejected(CertificateRequestedEvent request) {
        StratusEvent outcome = roundTrip(request);
        assertTrue(outcome instanceof CertificateRejectedEvent, "expected a rejection, got " + outcome);
        return (CertificateRejectedEvent) outcome;
    }

    @Test
    void deviceRequestIsSignedAsThePolicySays() throws Exception {
        String tx = "tx-" + UUID.randomUUID();
        StratusEvent outcome = roundTrip(request(tx, issuingId, RequestPurpose.DEVICE,
                publicKey(deviceKey), devicePolicy()));
        assertTrue(outcome instanceof CertificateIssuedEvent, "expected issuance, got " + outcome);
        CertificateIssuedEvent issued = (CertificateIssuedEvent) outcome;
        assertEquals(tenant, issued.tenant());
        assertEquals(issuingId, issued.authorityId());
        assertEquals(RequestPurpose.DEVICE, issued.purpose());
        assertEquals("assignment-1", issued.assignmentId());
        assertEquals("profile-1", issued.profileId());
        assertTrue(issued.serialNumber().matches("[0-9A-F]+"), issued.serialNumber());

        byte[] der = Base64.getDecoder().decode(issued.certificate());
        X509Certificate certificate = Pem.certificate(der);
        assertEquals(deviceKey.getPublic(), certificate.getPublicKey());
        assertEquals(issued.serialNumber(), io.stratus.crypto.Serials.hex(certificate.getSerialNumber()));
        assertEquals("CN=dev-1,O=Contoso", issued.subjectDn());
        long days = Duration.between(issued.notBefore(), issued.notAfter()).toDays();
        assertTrue(days >= 365 && days <= 366, "validity from the policy: " + days);

        Path leaf = TempFiles.write("leaf", ".cer", der);
        Path rootPem = TempFiles.write("root", ".pem", (String) root.get("certificatePem"));
        Path issuingPem = TempFiles.write("issuing", ".pem", (String) issuing.get("certificatePem"));
        Path leafPem = TempFiles.write("leaf", ".pem", Pem.encode(certificate));
        String verify = OpenSsl.run("verify", "-x509_strict", "-CAfile", rootPem.toString(), "-untrusted",
                issuingPem.toString(), leafPem.toString());
        assertTrue(verify.contains(": OK"), verify);

        String text = OpenSsl.run("x509", "-inform", "DER", "-noout", "-text", "-in", leaf.toString());
        assertTrue(text.contains("CN = dev-1"), text);
        assertTrue(text.contains("DNS:dev-1.contoso.test"), text);
        assertTrue(text.contains("UPN") && text.contains("dev-1@contoso.test"), text);
        assertTrue(text.contains("TLS Web Client Authentication"), text);
        assertFalse(text.contains("TLS Web Server Authentication"), text);
        assertTrue(text.contains("Digital Signature, Key Encipherment"), text);
        assertTrue(text.contains("CA:FALSE"), text);
        assertTrue(text.contains("URI:http://localhost:8081/pki/" + tenant + "/" + issuingId + "/crl"), text);
        assertTrue(text.contains("CA Issuers - URI:http://localhost:8081/pki/" + tenant + "/" + issuingId
                + "/ca.cer"), text);

        assertEquals(1, Database.count("select count(*) from issued_certificate where transaction_id = ? and "
                + "serial_hex = ? and status = 'ISSUED' and device_id = ?", tx, issued.serialNumber(), "device-" + tx));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("stratus_certificates_issued_total")
                && l.contains("authority=\"" + issuingId + "\"") && l.contains("purpose=\"DEVICE\"")), metrics);
        assertTrue(metrics.contains("stratus_certificate_signing_seconds_count"), "signing timer exported");
    }

    @Test
    void sameTransactionTwiceGivesTheSameCertificate() throws Exception {
        String tx = "tx-" + UUID.randomUUID();
        CertificateRequestedEvent request = request(tx, issuingId, RequestPurpose.DEVICE,
                publicKey(deviceKey), devicePolicy());
        Kafka.send(CloudEvent.of("/stratus/enrollment-service", request));
        Kafka.send(CloudEvent.of("/stratus/enrollment-service", request));
        CertificateIssuedEvent first = (CertificateIssuedEvent) outcome(tx);
        CertificateIssuedEvent second = (CertificateIssuedEvent) outcome(tx);
        assertEquals(first.serialNumber(), second.serialNumber());
        assertEquals(first.certificate(), second.certificate());
        assertEquals(1, Database.count("select count(*) from issued_certificate where transaction_id = ?", tx));
    }

    @Test
    void validityIsCappedAtTheCaNotAfter() {
        String tx = "tx-" + UUID.randomUUID();
        // 1,000 days, within the deployment's cap, from a CA with two years left
        CertificateIssuedEvent issued = (CertificateIssuedEvent) roundTrip(request(tx, issuingId,
                RequestPurpose.DEVICE, publicKey(deviceKey),
                policy("CN=dev-1", KeySpec.rsa(2048), List.of(CLIENT_AUTH), 1000)));
        assertEquals(Instant.parse((String) issuing.get("notAfter")), issued.notAfter());
    }

    /** Beyond stratus.ca.max-device-validity-days (1825 by default) a request is refused and audited, not shortened. */
    @Test
    void validityBeyondTheDeploymentsCapIsRefusedAndAudited() throws Exception {
        CertificateRequestedEvent tooLong = request("tx-" + UUID.randomUUID(), issuingId, RequestPurpose.DEVICE,
                publicKey(deviceKey), policy("CN=dev-1", KeySpec.rsa(2048), List.of(CLIENT_AUTH), 1826));
        CertificateRejectedEvent refused = rejected(tooLong);
        assertEquals("POLICY_VIOLATION", refused.reason());
        assertTrue(refused.detail().contains("at most 1825 days"), refused.detail());
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and target = ?"
                + " and action = 'CERTIFICATE_REJECTED'", tenant, "transaction:" + tooLong.transactionId()));
        assertEquals(0, Database.count("select count(*) from issued_certificate where transaction_id = ?",
                tooLong.transactionId()));
    }

    /** An RA request as enrollment-service makes it: for the CA itself. */
    private CertificateRequestedEvent raRequest(String authorityId, KeyPair raKey) {
        return new CertificateRequestedEvent(tenant, "ra-" + UUID.randomUUID(), authorityId, authorityId, null, null,
                RequestPurpose.RA, publicKey(raKey), null, null);
    }

    @Test
    void raRequestGetsAnRaCertificate() throws Exception {
        String caId = (String) CaApi.createIssuing(tenant, (String) root.get("id")).get("id");
        KeyPair raKey = KeyAlgorithm.RSA_2048.generate();
        CertificateIssuedEvent issued = (CertificateIssuedEvent) roundTrip(raRequest(caId, raKey));
        assertEquals(RequestPurpose.RA, issued.purpose());
        assertEquals(ScepRa.subject(caId), issued.subjectDn());
        assertTrue(!issued.notAfter().isAfter(issued.notBefore().plus(Duration.ofDays(2 * 366))));
        byte[] der = Base64.getDecoder().decode(issued.certificate());
        String text = OpenSsl.run("x509", "-inform", "DER", "-noout", "-text", "-in", TempFiles.write("ra", ".cer", der).toString());
        assertTrue(text.contains("Digital Signature, Key Encipherment"), text);
        assertTrue(text.contains("CA:FALSE"), text);
        assertEquals(List.of(ScepRa.EXTENDED_KEY_USAGE), Pem.certificate(der).getExtendedKeyUsage());
    }

    @Test
    void aForgedRaRequestIsRefusedAndAudited() throws Exception {
        String caId = (String) CaApi.createIssuing(tenant, (String) root.get("id")).get("id");
        KeyPair raKey = KeyAlgorithm.RSA_2048.generate();
        // the RA purpose once signed any subject a request asked for: a way to a certificate for any name. The subject
        // of an RA certificate is now always the CA's RA subject (raRequestGetsAnRaCertificate), and only for the CA.
        CertificateRequestedEvent forADevice = new CertificateRequestedEvent(tenant, "ra-" + UUID.randomUUID(), caId,
                "device-7", null, null, RequestPurpose.RA, publicKey(raKey), null, null);
        CertificateRejectedEvent refused = rejected(forADevice);
        assertEquals("POLICY_VIOLATION", refused.reason());
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and target = ?"
                + " and action = 'CERTIFICATE_REJECTED'", tenant, "transaction:" + forADevice.transactionId()));

        KeyPair ecKey = KeyAlgorithm.EC_P256.generate();
        assertEquals("POLICY_VIOLATION", rejected(raRequest(caId, ecKey)).reason());
        assertEquals(0, Database.count("select count(*) from issued_certificate where authority_id = ?", caId));
    }

    @Test
    void aCaKeyCertifiesOneRaKeyUntilItIsRevoked() throws Exception {
        String caId = (String) CaApi.createIssuing(tenant, (String) root.get("id")).get("id");
        CertificateRequestedEvent first = raRequest(caId, KeyAlgorithm.RSA_2048.generate());
        CertificateIssuedEvent issued = (CertificateIssuedEvent) roundTrip(first);
        // the same transaction again is the same certificate
        assertEquals(issued.serialNumber(), ((CertificateIssuedEvent) roundTrip(first)).serialNumber());

        CertificateRejectedEvent second = rejected(raRequest(caId, KeyAlgorithm.RSA_2048.generate()));
        assertEquals("POLICY_VIOLATION", second.reason());
        assertTrue(second.detail().contains("already has an RA certificate"), second.detail());

        Database.execute("update issued_certificate set status = 'REVOKED' where transaction_id = ?", first.transactionId());
        StratusEvent afterRevocation = roundTrip(raRequest(caId, KeyAlgorithm.RSA_2048.generate()));
        assertTrue(afterRevocation instanceof CertificateIssuedEvent, String.valueOf(afterRevocation));
        assertEquals(2, Database.count("select count(*) from issued_certificate where authority_id = ? and purpose = 'RA'", caId));
    }

    @Test
    void unknownOrForeignAuthorityIsRejected() {
        CertificateRejectedEvent unknown = rejected(request("tx-" + UUID.randomUUID(), UUID.randomUUID().toString(),
                RequestPurpose.DEVICE, publicKey(deviceKey), devicePolicy()));
        assertEquals("UNKNOWN_AUTHORITY", unknown.reason());

        String otherTenant = "foreign-" + UUID.randomUUID().toString().substring(0, 8);
        String foreignRoot = (String) CaApi.createRoot(otherTenant).get("id");
        String foreignIssuing = (String) CaApi.createIssuing(otherTenant, foreignRoot).get("id");
        CertificateRejectedEvent foreign = rejected(request("tx-" + UUID.randomUUID(), foreignIssuing,
                RequestPurpose.DEVICE, publicKey(deviceKey), devicePolicy()));
        assertEquals("UNKNOWN_AUTHORITY", foreign.reason());
    }

    @Test
    void rootOrPausedAuthorityIsRejected() throws Exception {
        CertificateRejectedEvent byRoot = rejected(request("tx-" + UUID.randomUUID(), (String) root.get("id"),
                RequestPurpose.DEVICE, publicKey(deviceKey), devicePolicy()));
        assertEquals("AUTHORITY_NOT_ACTIVE", byRoot.reason());

        String pausedId = (String) CaApi.createIssuing(tenant, (String) root.get("id")).get("id");
        Database.execute("update authority set status = 'PAUSED' where id = ?", pausedId);
        String tx = "tx-" + UUID.randomUUID();
        CertificateRejectedEvent paused = rejected(request(tx, pausedId, RequestPurpose.DEVICE,
                publicKey(deviceKey), devicePolicy()));
        assertEquals("AUTHORITY_NOT_ACTIVE", paused.reason());
        assertTrue(paused.detail().contains("PAUSED"), paused.detail());
        assertEquals(0, Database.count("select count(*) from issued_certificate where transaction_id = ?", tx));
        assertEquals(1, Database.count("select count(*) from audit_record where tenant = ? and target = ?"
                + " and action = 'CERTIFICATE_REJECTED' and outcome = 'REJECTED: AUTHORITY_NOT_ACTIVE'", tenant,
                "transaction:" + tx), "the refusal is in the tenant's audit log");
    }

    @Test
    void aTransactionIdIsTheClientsWithinOneCaOnly() throws Exception {
        // another tenant's device chose the same transaction id first: both requests get their own certificate
        String otherTenant = "other-" + UUID.randomUUID().toString().substring(0, 8);
        String otherRoot = (String) CaApi.create(otherTenant, CaApi.rootBody("Other Root", 10, "RSA_2048",
                List.of("CLIENT_AUTH"))).get("id");
        String otherIssuing = (String) CaApi.create(otherTenant, CaApi.issuingBody(otherRoot, "Other Issuing", 2,
                "RSA_2048", List.of("CLIENT_AUTH"))).get("id");
        String tx = "shared-" + UUID.randomUUID();
        KeyPair otherKey = KeyAlgorithm.RSA_2048.generate();
        Kafka.send(CloudEvent.of("/stratus/enrollment-service", new CertificateRequestedEvent(otherTenant, tx,
                otherIssuing, "device-" + tx, "assignment-1", "profile-1", RequestPurpose.DEVICE, publicKey(otherKey),
                devicePolicy(), null)));
        CertificateIssuedEvent first = (CertificateIssuedEvent) Kafka.decode(outcomes.await(
                r -> r.value().contains(tx) && r.value().contains(otherIssuing))).data();

        StratusEvent outcome = roundTrip(request(tx, issuingId, RequestPurpose.DEVICE, publicKey(deviceKey),
                devicePolicy()));
        assertTrue(outcome instanceof CertificateIssuedEvent, "the second CA's own request is signed: " + outcome);
        CertificateIssuedEvent second = (CertificateIssuedEvent) outcome;
        assertEquals(issuingId, second.authorityId());
        assertEquals(tenant, second.tenant());
        assertEquals(deviceKey.getPublic(), Pem.certificate(Base64.getDecoder().decode(second.certificate()))
                .getPublicKey());
        assertEquals(otherTenant, first.tenant());
        assertEquals(2, Database.count("select count(*) from issued_certificate where transaction_id = ?", tx));
    }

    @Test
    void aMissingOrUnusableKeyIsRejected() {
        CertificateRejectedEvent garbage = rejected(request("tx-" + UUID.randomUUID(), issuingId,
                RequestPurpose.DEVICE, Base64.getEncoder().encodeToString("not a key".getBytes()), devicePolicy()));
        assertEquals("BAD_KEY", garbage.reason());

        CertificateRejectedEvent notBase64 = rejected(request("tx-" + UUID.randomUUID(), issuingId,
                RequestPurpose.DEVICE, "%%%", devicePolicy()));
        assertEquals("BAD_KEY", notBase64.reason());

        CertificateRejectedEvent missing = rejected(request("tx-" + UUID.randomUUID(), issuingId,
                RequestPurpose.DEVICE, null, devicePolicy()));
        assertEquals("BAD_KEY", missing.reason());
    }

    @Test
    void policyViolationsAreRejected() {
        CertificateRejectedEvent tooSmall = rejected(request("tx-" + UUID.randomUUID(), issuingId,
                RequestPurpose.DEVICE, publicKey(deviceKey),
                policy("CN=dev-1", KeySpec.rsa(3072), List.of(CLIENT_AUTH), 365)));
        assertEquals("POLICY_VIOLATION", tooSmall.reason());
        assertTrue(tooSmall.detail().contains("3072"), tooSmall.detail());

        CertificateRejectedEvent wrongFamily = rejected(request("tx-" + UUID.randomUUID(), issuingId,
                RequestPurpose.DEVICE, publicKey(KeyAlgorithm.EC_P256.generate()), devicePolicy()));
        assertEquals("POLICY_VIOLATION", wrongFamily.reason());

        CertificateRejectedEvent ekuOutsideCa = rejected(request("tx-" + UUID.randomUUID(), issuingId,
                RequestPurpose.DEVICE, publicKey(deviceKey),
                policy("CN=dev-1", KeySpec.rsa(2048), List.of("1.3.6.1.5.5.7.3.3"), 365)));
        assertEquals("POLICY_VIOLATION", ekuOutsideCa.reason());

        CertificateRejectedEvent noPolicy = rejected(request("tx-" + UUID.randomUUID(), issuingId,
                RequestPurpose.DEVICE, publicKey(deviceKey), null));
        assertEquals("POLICY_VIOLATION", noPolicy.reason());
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopic() {
        String key = "poison-" + UUID.randomUUID();
        Kafka.send(Topics.ENROLLMENT_REQUESTS, key, "this is not an event");
        ConsumerRecord<String, String> dead = Kafka.await(Topics.deadLetter(Topics.ENROLLMENT_REQUESTS),
                r -> key.equals(r.key()));
        assertEquals("this is not an event", dead.value());
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "the reason travels in a header");
        assertTrue(new String(reason.value()).contains("not JSON"), new String(reason.value()));

        // The consumer goes on with the next request.
        String tx = "tx-" + UUID.randomUUID();
        assertTrue(roundTrip(request(tx, issuingId, RequestPurpose.DEVICE, publicKey(deviceKey),
                devicePolicy())) instanceof CertificateIssuedEvent);
    }
}
