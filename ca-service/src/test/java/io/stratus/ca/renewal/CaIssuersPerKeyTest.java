package io.stratus.ca.renewal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.Renewals;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.Pem;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * AIA caIssuers per key (as ADCS does) with real certificates: every certificate names the URL of the key that
 * signed it, and that URL serves the newest certificate of that key, so relying parties that build chains through AIA
 * get an issuer whose key verifies the certificate, before and after same-key and new-key renewals.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class CaIssuersPerKeyTest {

    private TopicReader certificateEvents;

    @BeforeAll
    void open() {
        certificateEvents = new TopicReader(Topics.CERTIFICATES);
    }

    @AfterAll
    void close() {
        certificateEvents.close();
    }

    @Test
    void leavesFollowTheirAiaToTheKeyThatSignedThemAcrossSameKeyAndNewKeyRenewals() throws Exception {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        Map<String, Object> issuing = CaApi.createIssuing(tenant, (String) root.get("id"));
        String id = (String) issuing.get("id");
        String base = "http://localhost:8081/pki/" + tenant + "/" + id;
        Path rootPem = TempFiles.write("root", ".pem", (String) root.get("certificatePem"));
        X509Certificate generation1 = Pem.certificate((String) issuing.get("certificatePem"));
        X509Certificate firstLeaf = issue(tenant, id);
        assertEquals(base + "/ca.cer", caIssuersUrl(firstLeaf));

        // same key: the first key's URL serves the renewed certificate, which still verifies the first leaf
        Map<String, Object> sameKey = Renewals.renew(tenant, id, Renewals.body(false, null, true));
        X509Certificate generation2 = Pem.certificate((String) sameKey.get("certificatePem"));
        assertNotEquals(generation1, generation2);
        assertEquals(base + "/ca.cer", sameKey.get("caIssuersUrl"), "same key, same AIA URL");
        assertEquals(generation2, fetchIssuer(firstLeaf), "the newest certificate of the first key");
        verifiedThroughAia(rootPem, firstLeaf);
        X509Certificate secondLeaf = issue(tenant, id);
        assertEquals(base + "/ca.cer", caIssuersUrl(secondLeaf));

        // new key: leaves of the first key keep finding a certificate of the first key; new leaves the new one
        Map<String, Object> newKey = Renewals.renew(tenant, id, Renewals.body(true, null, true));
        X509Certificate generation3 = Pem.certificate((String) newKey.get("certificatePem"));
        assertNotEquals(generation2.getPublicKey(), generation3.getPublicKey());
        assertEquals(base + "/ca/3.cer", newKey.get("caIssuersUrl"), "the view names the current key's URL");
        assertEquals(base + "/crl/3", newKey.get("crlUrl"));
        List<Map<String, Object>> previous = cast(newKey.get("previousCertificates"));
        assertEquals(List.of(base + "/ca.cer", base + "/ca.cer"),
                previous.stream().map(row -> row.get("caIssuersUrl")).toList());
        X509Certificate thirdLeaf = issue(tenant, id);
        assertEquals(base + "/ca/3.cer", caIssuersUrl(thirdLeaf));
        String cdp = OpenSsl.run("x509", "-in", TempFiles.write("leaf3", ".pem", Pem.encode(thirdLeaf)).toString(),
                "-noout", "-ext", "crlDistributionPoints,authorityInfoAccess");
        assertTrue(cdp.contains(base + "/crl/3") && cdp.contains("CA Issuers - URI:" + base + "/ca/3.cer"), cdp);

        assertEquals(generation2, verifiedThroughAia(rootPem, firstLeaf), "not the current certificate");
        assertEquals(generation2, verifiedThroughAia(rootPem, secondLeaf));
        assertEquals(generation3, verifiedThroughAia(rootPem, thirdLeaf));
        // the old key's certificate does not verify the new leaf, and the other way round
        Path thirdLeafPem = TempFiles.write("leaf3", ".pem", Pem.encode(thirdLeaf));
        assertThrows(AssertionError.class, () -> OpenSsl.verifyChain(rootPem,
                TempFiles.write("gen2", ".pem", Pem.encode(generation2)), thirdLeafPem));
        assertThrows(AssertionError.class, () -> OpenSsl.verifyChain(rootPem,
                TempFiles.write("gen3", ".pem", Pem.encode(generation3)),
                TempFiles.write("leaf1", ".pem", Pem.encode(firstLeaf))));

        // ?generation=N still names one exact certificate
        assertEquals(generation1, certificateAt("/pki/" + tenant + "/" + id + "/ca.cer?generation=1"));
        assertEquals(generation3, certificateAt("/pki/" + tenant + "/" + id + "/ca.cer?generation=3"));
        assertEquals(generation3, certificateAt("/pki/" + tenant + "/" + id + "/ca/3.cer"));
    }

    @Test
    void issuingCaCertificatesNameTheRootKeyThatSignedThem() throws Exception {
        String tenant = tenant();
        Map<String, Object> root = CaApi.createRoot(tenant);
        String rootId = (String) root.get("id");
        String rootBase = "http://localhost:8081/pki/" + tenant + "/" + rootId;
        X509Certificate oldRoot = Pem.certificate((String) root.get("certificatePem"));
        Map<String, Object> issuing = CaApi.createIssuing(tenant, rootId);
        String issuingId = (String) issuing.get("id");
        X509Certificate issuing1 = Pem.certificate((String) issuing.get("certificatePem"));
        assertEquals(rootBase + "/ca.cer", caIssuersUrl(issuing1));

        Map<String, Object> renewedRoot = Renewals.renew(tenant, rootId, Renewals.body(true, 10, true));
        X509Certificate newRoot = Pem.certificate((String) renewedRoot.get("certificatePem"));
        assertEquals(rootBase + "/ca/2.cer", renewedRoot.get("caIssuersUrl"));
        assertEquals(oldRoot, fetchIssuer(issuing1), "the issuing CA's AIA still finds the old root key");
        issuing1.verify(fetchIssuer(issuing1).getPublicKey());

        // the issuing CA renews under the new root key: its new certificate names the new root key's URL
        Map<String, Object> renewedIssuing = Renewals.renew(tenant, issuingId, Renewals.body(false, 2, true));
        X509Certificate issuing2 = Pem.certificate((String) renewedIssuing.get("certificatePem"));
        assertEquals(rootBase + "/ca/2.cer", caIssuersUrl(issuing2));
        assertEquals(newRoot, fetchIssuer(issuing2));

        // a whole chain built through AIA alone, from a new leaf up to the new root, verifies with OpenSSL
        X509Certificate leaf = issue(tenant, issuingId);
        X509Certificate issuer = fetchIssuer(leaf);
        assertEquals(issuing2, issuer);
        assertEquals(newRoot, fetchIssuer(issuer));
        OpenSsl.verifyChain(TempFiles.write("root2", ".pem", Pem.encode(newRoot)),
                TempFiles.write("issuer", ".pem", Pem.encode(issuer)),
                TempFiles.write("leaf", ".pem", Pem.encode(leaf)));
        assertThrows(AssertionError.class, () -> OpenSsl.verifyChain(
                TempFiles.write("root1", ".pem", Pem.encode(oldRoot)),
                TempFiles.write("issuer", ".pem", Pem.encode(issuer)),
                TempFiles.write("leaf", ".pem", Pem.encode(leaf))), "the new chain does not end at the old root");
    }

    @Test
    void keyUrlsAnswerOnlyForKeysInUseOrUsedBefore() {
        String tenant = tenant();
        String id = (String) CaApi.createRoot(tenant).get("id");
        String path = "/pki/{t}/{id}/ca/{n}.cer";
        given().get(path, tenant, id, "1").then().statusCode(200).contentType("application/pkix-cert");
        given().get(path, tenant, id, "2").then().statusCode(404).contentType("application/problem+json");

        // an announced new key is not in use yet: its URL answers once the renewal is activated
        Map<String, Object> announced = Renewals.renew(tenant, id, Renewals.body(true, null, false));
        Map<String, Object> next = cast(announced.get("nextCertificate"));
        given().get(path, tenant, id, "2").then().statusCode(404);
        assertEquals("http://localhost:8081/pki/" + tenant + "/" + id + "/ca/2.cer", next.get("caIssuersUrl"));
        Renewals.activate(tenant, CaApi.admin(tenant), id).then().statusCode(200);
        assertEquals(Pem.certificate((String) next.get("certificatePem")),
                certificateAt("/pki/" + tenant + "/" + id + "/ca/2.cer"));

        given().get(path, tenant, id, "3").then().statusCode(404);
        given().get(path, tenant, id, "0").then().statusCode(400).contentType("application/problem+json");
        given().get(path, tenant, id, "two").then().statusCode(400);
        given().get(path, tenant, UUID.randomUUID().toString(), "1").then().statusCode(404);
        given().get(path, "other-tenant", id, "2").then().statusCode(404)
                .body("status", equalTo(404));
    }

    /** Fetches the issuer named in the certificate's AIA, checks the signature with it and with OpenSSL; returns it. */
    private X509Certificate verifiedThroughAia(Path rootPem, X509Certificate certificate) throws Exception {
        X509Certificate issuer = fetchIssuer(certificate);
        certificate.verify(issuer.getPublicKey());
        OpenSsl.verifyChain(rootPem, TempFiles.write("aia-issuer", ".pem", Pem.encode(issuer)),
                TempFiles.write("aia-leaf", ".pem", Pem.encode(certificate)));
        return issuer;
    }

    /** GET the AIA caIssuers URL written in the certificate (its path, against this test's server). */
    private static X509Certificate fetchIssuer(X509Certificate certificate) throws Exception {
        return certificateAt(URI.create(caIssuersUrl(certificate)).getPath());
    }

    private static X509Certificate certificateAt(String pathAndQuery) {
        byte[] der = given().urlEncodingEnabled(false).get(pathAndQuery).then().statusCode(200)
                .contentType("application/pkix-cert").extract().asByteArray();
        return Pem.certificate(der);
    }

    private static String caIssuersUrl(X509Certificate certificate) throws Exception {
        AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(JcaX509ExtensionUtils
                .parseExtensionValue(certificate.getExtensionValue(Extension.authorityInfoAccess.getId())));
        for (AccessDescription description : access.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                    && description.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                return description.getAccessLocation().getName().toString();
            }
        }
        throw new AssertionError("no caIssuers URI in " + certificate.getSubjectX500Principal());
    }

    private X509Certificate issue(String tenant, String authorityId) {
        Object outcome = Leaves.request(certificateEvents, tenant, authorityId);
        assertTrue(outcome instanceof CertificateIssuedEvent, "expected issuance, got " + outcome);
        return Pem.certificate(Base64.getMimeDecoder().decode(((CertificateIssuedEvent) outcome).certificate()));
    }

    private static String tenant() {
        return "aia-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
