package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TempFiles;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.Pem;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * The OCSP responder (RFC 6960) as OpenSSL and Java's PKIX revocation checking use it: good, revoked with time and
 * reason, unknown, the nonce echoed, a delegated responder certificate, GET and POST, and OCSP's own errors.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcspTest {

    private final String tenant = "ocsp-" + UUID.randomUUID().toString().substring(0, 8);
    private Map<String, Object> root;
    private Map<String, Object> issuing;
    private String issuingId;
    private TopicReader certificateEvents;

    @BeforeEach
    void setUp() {
        if (root != null) {
            return;
        }
        root = CaApi.createRoot(tenant);
        issuing = CaApi.createIssuing(tenant, (String) root.get("id"));
        issuingId = (String) issuing.get("id");
        certificateEvents = new TopicReader(Topics.CERTIFICATES);
    }

    @AfterAll
    void close() {
        if (certificateEvents != null) {
            certificateEvents.close();
        }
    }

    @Test
    void openSslHearsGoodThenRevokedWithItsReasonAndUnknownForASerialTheCaNeverIssued() {
        CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId);
        Path leafPem = TempFiles.write("leaf", ".pem", Pem.encode(certificateOf(leaf)));
        Path issuingPem = TempFiles.write("issuing", ".pem", (String) issuing.get("certificatePem"));
        Path chain = TempFiles.write("chain", ".pem",
                root.get("certificatePem") + "\n" + issuing.get("certificatePem"));
        String url = ocspUrl(issuingId);
        assertEquals("http://localhost:8081/pki/" + tenant + "/" + issuingId + "/ocsp", issuing.get("ocspUrl"));
        assertTrue(certificateOf(leaf).getExtensionValue("1.3.6.1.5.5.7.1.1") != null, "the leaf has an AIA");

        String good = OpenSsl.run("ocsp", "-issuer", issuingPem.toString(), "-cert", leafPem.toString(), "-url", url,
                "-CAfile", chain.toString(), "-resp_text");
        assertTrue(good.contains("Response verify OK"), good);
        assertTrue(good.contains(leafPem + ": good"), good);
        assertTrue(good.contains("OCSP Nonce"), "the nonce is echoed: " + good);
        assertTrue(good.contains("OCSP Signing") && good.contains("OCSP No Check"),
                "signed by a delegated responder: " + good);

        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "keyCompromise").then().statusCode(200);
        String revoked = OpenSsl.run("ocsp", "-issuer", issuingPem.toString(), "-cert", leafPem.toString(), "-url",
                url, "-CAfile", chain.toString());
        assertTrue(revoked.contains("Response verify OK"), revoked);
        assertTrue(revoked.contains(leafPem + ": revoked"), revoked);
        assertTrue(revoked.contains("Reason: keyCompromise"), revoked);
        assertTrue(revoked.contains("Revocation Time"), revoked);

        String unknown = OpenSsl.run("ocsp", "-issuer", issuingPem.toString(), "-serial", "0x1234567890ABCDEF", "-url",
                url, "-CAfile", chain.toString());
        assertTrue(unknown.contains("Response verify OK") && unknown.contains(": unknown"), unknown);
    }

    @Test
    void anAnswerWithoutANonceIsServedAgainAndARevocationReplacesIt() throws Exception {
        CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId);
        X509Certificate issuer = Pem.certificate((String) issuing.get("certificatePem"));
        byte[] request = request(issuer, new BigInteger(leaf.serialNumber(), 16), null);

        byte[] first = post(issuingId, request);
        // RestAssured URL-encodes the path parameter, as RFC 6960 appendix A asks
        byte[] again = given().get("/pki/{t}/{id}/ocsp/{r}", tenant, issuingId,
                Base64.getEncoder().encodeToString(request))
                .then().statusCode(200).contentType("application/ocsp-response").extract().asByteArray();
        assertTrue(java.util.Arrays.equals(first, again), "the same answer, by POST and by GET, not signed twice");
        assertEquals(null, single(first).getCertStatus(), "good");

        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "superseded").then().statusCode(200);
        RevokedStatus status = assertInstanceOf(RevokedStatus.class, single(post(issuingId, request)).getCertStatus());
        assertEquals(4, status.getRevocationReason(), "superseded");
    }

    @Test
    void javaPkixRevocationCheckingAsksTheResponder() throws Exception {
        seesTheRevocation(this::validate);
    }

    @Test
    void javaPkixCrlCheckingOfTheWholeChainFindsTheRevocationOnTheNextCrl() throws Exception {
        seesTheRevocation(this::validateWithCrls);
    }

    /** A fresh leaf validates; once revoked, the same validation fails with reason REVOKED. */
    private void seesTheRevocation(PathValidation validation) throws Exception {
        CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId);
        X509Certificate leafCertificate = certificateOf(leaf);
        X509Certificate issuer = Pem.certificate((String) issuing.get("certificatePem"));
        X509Certificate rootCertificate = Pem.certificate((String) root.get("certificatePem"));

        validation.validate(leafCertificate, issuer, rootCertificate);
        CaApi.revokeCertificate(tenant, leaf.serialNumber(), "keyCompromise").then().statusCode(200);
        CertPathValidatorException refused = assertThrows(CertPathValidatorException.class,
                () -> validation.validate(leafCertificate, issuer, rootCertificate));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, refused.getReason(), refused.getMessage());
    }

    private interface PathValidation {
        void validate(X509Certificate leaf, X509Certificate issuer, X509Certificate root) throws Exception;
    }

    @Test
    void whatIsNotARequestIsMalformedAndAnotherCasCertificateIsNotAnsweredFor() throws Exception {
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST,
                new OCSPResp(post(issuingId, "not ocsp".getBytes())).getStatus());
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, new OCSPResp(given().get("/pki/{t}/{id}/ocsp/{r}", tenant,
                issuingId, "%%%").then().statusCode(200).extract().asByteArray()).getStatus());
        // more than ten certificates in one request: malformed, not ten database reads per entry
        X509Certificate issuer = Pem.certificate((String) issuing.get("certificatePem"));
        OCSPReqBuilder eleven = new OCSPReqBuilder();
        for (int i = 1; i <= 11; i++) {
            eleven.addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), BigInteger.valueOf(i)));
        }
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST,
                new OCSPResp(post(issuingId, eleven.build().getEncoded())).getStatus());
        // the root's responder does not answer for certificates the issuing CA signed
        CertificateIssuedEvent leaf = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId);
        byte[] request = request(Pem.certificate((String) issuing.get("certificatePem")),
                new BigInteger(leaf.serialNumber(), 16), null);
        assertEquals(OCSPRespBuilder.UNAUTHORIZED, new OCSPResp(post((String) root.get("id"), request)).getStatus());
        assertEquals(OCSPRespBuilder.UNAUTHORIZED,
                new OCSPResp(post(UUID.randomUUID().toString(), request)).getStatus());
        // the root answers for the issuing CA's own certificate: good
        byte[] aboutIssuing = request(Pem.certificate((String) root.get("certificatePem")),
                new BigInteger((String) issuing.get("serialNumber"), 16), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        BasicOCSPResp answer = basic(post((String) root.get("id"), aboutIssuing));
        assertEquals(null, answer.getResponses()[0].getCertStatus());
        assertNotNull(answer.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce), "the nonce is echoed");
    }

    private void validate(X509Certificate leaf, X509Certificate issuer, X509Certificate root) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOcspResponder(URI.create(ocspUrl(issuingId)));
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY,
                PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.addCertPathChecker(checker);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, issuer)), parameters);
    }

    /** PKIX with CRLs only (no OCSP, no fallback), both certificates checked, with the CRLs as ca-service serves them. */
    private void validateWithCrls(X509Certificate leaf, X509Certificate issuer, X509Certificate rootCertificate)
            throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<CRL> crls = new ArrayList<>();
        for (String caId : List.of(issuingId, (String) root.get("id"))) {
            crls.add(factory.generateCRL(new ByteArrayInputStream(given().get("/pki/{t}/{id}/crl", tenant, caId)
                    .then().statusCode(200).extract().asByteArray())));
        }
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(rootCertificate, null)));
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
        parameters.addCertPathChecker(checker);
        validator.validate(factory.generateCertPath(List.of(leaf, issuer)), parameters);
    }

    private static byte[] request(X509Certificate issuer, BigInteger serial, byte[] nonce) throws Exception {
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), serial));
        if (nonce != null) {
            builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce))));
        }
        return builder.build().getEncoded();
    }

    private byte[] post(String authorityId, byte[] request) {
        return given().contentType("application/ocsp-request").body(request)
                .post("/pki/{t}/{id}/ocsp", tenant, authorityId)
                .then().statusCode(200).contentType("application/ocsp-response").extract().asByteArray();
    }

    private static BasicOCSPResp basic(byte[] der) throws Exception {
        OCSPResp response = new OCSPResp(der);
        assertEquals(OCSPRespBuilder.SUCCESSFUL, response.getStatus());
        return (BasicOCSPResp) response.getResponseObject();
    }

    private static org.bouncycastle.cert.ocsp.SingleResp single(byte[] der) throws Exception {
        return basic(der).getResponses()[0];
    }

    private String ocspUrl(String authorityId) {
        return "http://localhost:" + RestAssured.port + "/pki/" + tenant + "/" + authorityId + "/ocsp";
    }

    private static X509Certificate certificateOf(CertificateIssuedEvent issued) {
        return Pem.certificate(Base64.getDecoder().decode(issued.certificate()));
    }
}
