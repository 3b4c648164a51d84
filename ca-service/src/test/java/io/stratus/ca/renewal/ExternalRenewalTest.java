package io.stratus.ca.renewal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Kafka;
import io.stratus.ca.support.ExternalCas;
import io.stratus.ca.support.ExternalRoot;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.Renewals;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.Pem;
import io.stratus.events.AuthorityRenewedEvent;
import io.stratus.events.AuthorityRenewedEvent.RenewalPhase;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;

/**
 * Renewing a bring-your-own CA in place, with OpenSSL as the external root: the next generation waits for its
 * signature (CSR of the same or a new key), the upload is checked like the first one, then it is announced or put in
 * use as a Stratus renewal is; leaves before and after verify with OpenSSL, and so do both keys' CRLs.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class ExternalRenewalTest {

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

    @Test
    void sameKeyRenewalIsSignedExternallyAndGoesLiveAtUpload() throws Exception {
        String tenant = tenant();
        ExternalRoot root = ExternalRoot.create("Fabrikam Root " + tenant);
        Map<String, Object> first = ExternalCas.live(tenant, root);
        String id = (String) first.get("id");
        X509Certificate generation1 = Pem.certificate((String) first.get("certificatePem"));
        X509Certificate oldLeaf = leaf(tenant, id);

        Map<String, Object> waiting = Renewals.renew(tenant, id, body(false, true));
        assertEquals(1, waiting.get("generation"), "nothing changes before the external signature");
        Map<String, Object> next = cast(waiting.get("nextCertificate"));
        assertEquals("SIGNING_REQUIRED", next.get("state"));
        assertEquals(2, next.get("generation"));
        assertNull(next.get("certificatePem"));
        assertEquals(first.get("crlUrl"), next.get("crlUrl"), "same key, same CRL");
        Renewals.renew(tenant, CaApi.admin(tenant), id, body(false, true)).then().statusCode(409)
                .body("detail", containsString("waiting for its signature"));
        Renewals.activate(tenant, CaApi.admin(tenant), id).then().statusCode(409)
                .body("detail", containsString("renewal/upload"));
        Renewals.renew(tenant, CaApi.admin(tenant), id, Map.of("validityYears", 2)).then().statusCode(400)
                .body("detail", containsString("external root"));

        String csrPem = renewalCsr(tenant, id);
        String subject = OpenSsl.run("req", "-in", TempFiles.write("renewal", ".csr", csrPem).toString(), "-noout",
                "-verify", "-subject");
        assertTrue(subject.contains("Fabrikam Issuing"), subject);
        assertEquals(generation1.getPublicKey(), Csrs.parse(Pem.csr(csrPem)).publicKey(), "same key");

        uploadRenewal(tenant, id, root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 730, "/CN=Someone Else/O=Fabrikam"),
                root.pem()).then().statusCode(400).body("detail", containsString("subject"));
        String signed = root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 730);
        Map<String, Object> renewed = uploadRenewal(tenant, id, signed, root.pem()).then().statusCode(200)
                .body("generation", equalTo(2)).body("nextCertificate", nullValue())
                .body("crlUrl", equalTo(first.get("crlUrl"))).extract().jsonPath().getMap("$");
        X509Certificate generation2 = Pem.certificate((String) renewed.get("certificatePem"));
        assertEquals(Pem.certificate(signed), generation2);
        assertEquals(2, renewedEvent(id, RenewalPhase.ANNOUNCED).generation());
        AuthorityRenewedEvent active = renewedEvent(id, RenewalPhase.ACTIVE);
        assertEquals(2, active.generation());
        assertTrue(active.chainPem().contains(root.pem().trim().substring(40, 120)), "the chain ends in the root");
        uploadRenewal(tenant, id, signed, root.pem()).then().statusCode(409);

        Path rootPem = root.certificate();
        OpenSsl.verifyChain(rootPem, TempFiles.write("g2", ".pem", Pem.encode(generation2)),
                pem(leaf(tenant, id)));
        OpenSsl.verifyChain(rootPem, TempFiles.write("g1", ".pem", Renewals.chain(tenant, id, 1)), pem(oldLeaf));
        OpenSsl.verifyChain(rootPem, TempFiles.write("g2", ".pem", Pem.encode(generation2)), pem(oldLeaf));
        verifiedCrl(Renewals.crl((String) renewed.get("crlUrl")), generation2);
    }

    @Test
    void newKeyRenewalIsAnnouncedAtUploadAndActivatedLater() throws Exception {
        String tenant = tenant();
        ExternalRoot root = ExternalRoot.create("Fabrikam Root " + tenant);
        Map<String, Object> first = ExternalCas.live(tenant, root);
        String id = (String) first.get("id");
        String firstCsr = ExternalCas.csr(tenant, id);
        X509Certificate generation1 = Pem.certificate((String) first.get("certificatePem"));
        X509Certificate oldLeaf = leaf(tenant, id);

        Map<String, Object> next = cast(Renewals.renew(tenant, id, body(true, false)).get("nextCertificate"));
        assertEquals("SIGNING_REQUIRED", next.get("state"));
        assertEquals(true, next.get("newKey"));
        assertTrue(((String) next.get("crlUrl")).endsWith("/crl/2"), (String) next.get("crlUrl"));
        String csrPem = renewalCsr(tenant, id);
        assertNotEquals(generation1.getPublicKey(), Csrs.parse(Pem.csr(csrPem)).publicKey(), "a new key");

        uploadRenewal(tenant, id, root.sign(firstCsr, ExternalRoot.CA_EXTENSIONS, 730), root.pem())
                .then().statusCode(400).body("detail", containsString("public key"));
        uploadRenewal(tenant, id, root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 730),
                ExternalRoot.create("Stranger " + tenant).pem()).then().statusCode(400)
                .body("detail", containsString("chain"));
        uploadRenewal(tenant, id, root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 4000), root.pem())
                .then().statusCode(400).body("detail", containsString("after its issuer"));
        uploadRenewal(tenant, id, root.sign(csrPem, ExternalRoot.CA_EXTENSIONS.replace("clientAuth", "serverAuth"),
                730), root.pem()).then().statusCode(400).body("detail", containsString("extended key usages"));
        uploadRenewal(tenant, id, "not a certificate", root.pem()).then().statusCode(400);

        String signed = root.sign(csrPem, ExternalRoot.CA_EXTENSIONS, 730);
        Map<String, Object> announced = uploadRenewal(tenant, id, signed, root.pem()).then().statusCode(200)
                .body("generation", equalTo(1)).body("nextCertificate.state", equalTo("ANNOUNCED"))
                .extract().jsonPath().getMap("$");
        AuthorityRenewedEvent event = renewedEvent(id, RenewalPhase.ANNOUNCED);
        assertEquals(Pem.certificate(signed), Pem.certificate(event.certificatePem()));
        assertTrue(event.newKey());
        assertEquals(first.get("certificatePem"), announced.get("certificatePem"), "still the first certificate");

        Map<String, Object> active = Renewals.activate(tenant, CaApi.admin(tenant), id).then().statusCode(200)
                .body("generation", equalTo(2)).extract().jsonPath().getMap("$");
        assertEquals(2, renewedEvent(id, RenewalPhase.ACTIVE).generation());
        assertTrue(((String) active.get("crlUrl")).endsWith("/crl/2"));
        X509Certificate generation2 = Pem.certificate((String) active.get("certificatePem"));

        X509Certificate newLeaf = leaf(tenant, id);
        assertTrue(crlDistributionPoint(newLeaf).endsWith("/crl/2"), "a new leaf points at the new key's CRL");
        OpenSsl.verifyChain(root.certificate(), TempFiles.write("g2", ".pem", Pem.encode(generation2)), pem(newLeaf));
        OpenSsl.verifyChain(root.certificate(), TempFiles.write("g1", ".pem", Renewals.chain(tenant, id, 1)),
                pem(oldLeaf));
        verifiedCrl(Renewals.crl((String) first.get("crlUrl")), generation1);
        verifiedCrl(Renewals.crl((String) active.get("crlUrl")), generation2);
        String chain = Renewals.chain(tenant, id, null);
        assertEquals(2, chain.split("BEGIN CERTIFICATE").length - 1);
    }

    @Test
    void cancellingPublishesOnlyWhatWasAnnouncedAndEveryStepIsAudited() throws Exception {
        String tenant = tenant();
        ExternalRoot root = ExternalRoot.create("Fabrikam Root " + tenant);
        String id = (String) ExternalCas.live(tenant, root).get("id");
        Renewals.cancel(tenant, CaApi.admin(tenant), id).then().statusCode(409);
        uploadRenewal(tenant, id, root.pem(), root.pem()).then().statusCode(409)
                .body("detail", containsString("POST .../renew"));
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities/{id}/renewal/csr", tenant, id)
                .then().statusCode(409);

        Renewals.renew(tenant, id, body(true, false));
        Renewals.cancel(tenant, CaApi.admin(tenant), id).then().statusCode(200)
                .body("nextCertificate", nullValue()).body("generation", equalTo(1));
        given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities/{id}/renewal/csr", tenant, id)
                .then().statusCode(409);

        Renewals.renew(tenant, id, body(true, false));
        uploadRenewal(tenant, id, root.sign(renewalCsr(tenant, id), ExternalRoot.CA_EXTENSIONS, 730), root.pem())
                .then().statusCode(200).body("nextCertificate.state", equalTo("ANNOUNCED"));
        // the cancel before the upload published nothing: no CANCELLED of this CA precedes the ANNOUNCED
        Set<Long> cancelledBefore = new HashSet<>();
        authorityEvents.await(r -> {
            if (isRenewed(r, id, RenewalPhase.CANCELLED)) {
                cancelledBefore.add(r.offset());
            }
            return isRenewed(r, id, RenewalPhase.ANNOUNCED);
        });
        assertEquals(Set.of(), cancelledBefore);
        Renewals.cancel(tenant, CaApi.admin(tenant), id).then().statusCode(200).body("nextCertificate", nullValue());
        assertEquals(2, renewedEvent(id, RenewalPhase.CANCELLED).generation());

        List<String> actions = given().auth().oauth2(CaApi.token(Set.of(Roles.AUDIT_READ), tenant))
                .get("/api/v1/tenants/{t}/audit", tenant).then().statusCode(200).extract().jsonPath()
                .getList("items.action");
        assertEquals(List.of("AUTHORITY_CREATED", "AUTHORITY_ACTIVATED", "REQUEST_REFUSED", "REQUEST_REFUSED",
                "AUTHORITY_RENEWAL_REQUESTED", "AUTHORITY_RENEWAL_CANCELLED", "AUTHORITY_RENEWAL_REQUESTED",
                "AUTHORITY_RENEWED", "AUTHORITY_RENEWAL_CANCELLED"), actions);
    }

    @Test
    void renewalEndpointsNeedTheRoleAndTheTenant() throws Exception {
        String tenant = tenant();
        ExternalRoot root = ExternalRoot.create("Fabrikam Root " + tenant);
        String id = (String) ExternalCas.live(tenant, root).get("id");
        String reader = CaApi.token(Set.of(Roles.CA_READ), tenant);
        String manager = CaApi.token(Set.of(Roles.CA_MANAGE), tenant);
        String otherTenant = CaApi.token(Set.of(Roles.CA_CREATE, Roles.CA_READ), "other-" + tenant);

        Renewals.renew(tenant, reader, id, body(false, true)).then().statusCode(403);
        Renewals.renew(tenant, otherTenant, id, body(false, true)).then().statusCode(403);
        given().contentType(ContentType.JSON).body(body(false, true))
                .post("/api/v1/tenants/{t}/authorities/{id}/renew", tenant, id).then().statusCode(401);
        Renewals.renew(tenant, id, body(false, true));

        String path = "/api/v1/tenants/{t}/authorities/{id}/renewal/csr";
        given().auth().oauth2(reader).get(path, tenant, id).then().statusCode(200).contentType("application/pkcs10");
        given().auth().oauth2(manager).get(path, tenant, id).then().statusCode(403);
        given().auth().oauth2(otherTenant).get(path, tenant, id).then().statusCode(403);
        given().get(path, tenant, id).then().statusCode(401);

        String signed = root.sign(renewalCsr(tenant, id), ExternalRoot.CA_EXTENSIONS, 730);
        uploadRenewal(tenant, reader, id, signed, root.pem()).then().statusCode(403);
        uploadRenewal(tenant, otherTenant, id, signed, root.pem()).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("certificate", signed, "chain", root.pem()))
                .post("/api/v1/tenants/{t}/authorities/{id}/renewal/upload", tenant, id).then().statusCode(401);
        Renewals.cancel(tenant, reader, id).then().statusCode(403);
        Renewals.cancel(tenant, otherTenant, id).then().statusCode(403);
        given().delete("/api/v1/tenants/{t}/authorities/{id}/renewal", tenant, id).then().statusCode(401);
        given().auth().oauth2(reader).get("/api/v1/tenants/{t}/authorities/{id}", tenant, id).then()
                .statusCode(200).body("nextCertificate.state", equalTo("SIGNING_REQUIRED"));
        uploadRenewal(tenant, id, signed, root.pem()).then().statusCode(200).body("generation", equalTo(2));

        // a Stratus-signed CA has no external renewal
        String stratusRoot = (String) CaApi.createRoot(tenant).get("id");
        given().auth().oauth2(reader).get(path, tenant, stratusRoot).then().statusCode(409)
                .body("detail", containsString("signed by Stratus"));
    }

    private static String tenant() {
        return "byor-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> body(boolean newKey, boolean activate) {
        return Map.of("newKey", newKey, "activate", activate);
    }

    private static String renewalCsr(String tenant, String id) {
        return given().auth().oauth2(CaApi.admin(tenant))
                .get("/api/v1/tenants/{t}/authorities/{id}/renewal/csr", tenant, id).then().statusCode(200)
                .contentType("application/pkcs10").extract().asString();
    }

    private static Response uploadRenewal(String tenant, String id, String certificate, String chain) {
        return uploadRenewal(tenant, CaApi.admin(tenant), id, certificate, chain);
    }

    private static Response uploadRenewal(String tenant, String token, String id, String certificate, String chain) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("certificate", certificate, "chain", chain))
                .post("/api/v1/tenants/{t}/authorities/{id}/renewal/upload", tenant, id);
    }

    private X509Certificate leaf(String tenant, String id) {
        CertificateIssuedEvent issued = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, id);
        return Pem.certificate(Base64.getMimeDecoder().decode(issued.certificate()));
    }

    private static Path pem(X509Certificate certificate) {
        return TempFiles.write("leaf", ".pem", Pem.encode(certificate));
    }

    private AuthorityRenewedEvent renewedEvent(String id, RenewalPhase phase) {
        return (AuthorityRenewedEvent) Kafka.decode(authorityEvents.await(r -> isRenewed(r, id, phase))).data();
    }

    private static boolean isRenewed(ConsumerRecord<String, String> record, String id, RenewalPhase phase) {
        return id.equals(record.key()) && record.value().contains("io.stratus.authority.renewed")
                && record.value().contains("\"" + phase + "\"");
    }

    private static void verifiedCrl(byte[] der, X509Certificate issuer) {
        Path crl = TempFiles.write("crl", ".crl", der);
        Path ca = TempFiles.write("issuer", ".pem", Pem.encode(issuer));
        String out = OpenSsl.run("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-verify", "-CAfile",
                ca.toString());
        assertTrue(out.contains("verify OK"), "CRL does not verify: " + out);
        assertEquals(issuer.getSubjectX500Principal(), Pem.crl(der).getIssuerX500Principal());
    }

    private static String crlDistributionPoint(X509Certificate certificate) {
        String text = OpenSsl.run("x509", "-in", pem(certificate).toString(), "-noout", "-ext",
                "crlDistributionPoints");
        return text.substring(text.indexOf("URI:") + 4).trim();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
