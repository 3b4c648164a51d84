package io.stratus.enrollment.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestCertificateAuthority.Issuer;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestProfiles;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/** GetCert and GetCRL over real HTTP; CRLs are fetched over HTTP after CrlPublished, as from ca-service. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class ScepQueriesTest {

    @TestHTTPResource("/")
    URL root;

    TestWorld world;
    ScepHttp scep;
    X509Certificate ra;

    @BeforeEach
    void world() {
        world = TestWorld.get();
        scep = world.scep(base(), world.issuing.id());
        ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
    }

    private String base() {
        String url = root.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Test
    void getCertReturnsAHandedOutCertificateByIssuerAndSerial() {
        TestDevice device = new TestDevice("getcert-" + UUID.randomUUID().toString().substring(0, 8));
        String challenge = device.open(TestProfiles.assign(world.tenant, world.issuing.id(), device).sealedChallenge());
        X509Certificate issued = device.pkcsReq(scep, ra, device.csr(challenge)).certificates().get(0);
        TestDevice asker = new TestDevice("asker");

        ScepResponse reply = asker.getCert(scep, ra, world.issuing.certificate(), issued.getSerialNumber());

        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
        assertArrayEquals(Pem.der(issued), Pem.der(reply.certificates().get(0)));
    }

    @Test
    void getCertOfAnUnknownSerialOrAnotherIssuerIsBadCertId() {
        TestDevice asker = new TestDevice("asker");

        ScepResponse unknown = asker.getCert(scep, ra, world.issuing.certificate(), new BigInteger("123456789"));
        ScepResponse otherIssuer = asker.getCert(scep, ra, world.ca.root, BigInteger.ONE);

        assertEquals(PkiStatus.FAILURE, unknown.status());
        assertEquals(FailInfo.badCertId, unknown.failInfo());
        assertEquals(PkiStatus.FAILURE, otherIssuer.status());
        assertEquals(FailInfo.badCertId, otherIssuer.failInfo());
    }

    @Test
    void getCrlIsBadRequestUntilACrlIsPublishedThenReturnsTheNewestVerifiedOne(@TempDir Path dir) throws Exception {
        Issuer crlCa = world.ca.createIssuing("CRL CA " + UUID.randomUUID().toString().substring(0, 8));
        ScepHttp crlScep = world.scep(base(), crlCa.id());
        X509Certificate crlRa = TestWorld.ra(TestWorld.awaitCaCertificates(crlScep));
        TestDevice asker = new TestDevice("crl-asker");

        ScepResponse none = asker.getCrl(crlScep, crlRa, crlCa.certificate(), BigInteger.TEN);
        assertEquals(PkiStatus.FAILURE, none.status());
        assertEquals(FailInfo.badRequest, none.failInfo());

        // a CRL not signed by the CA (number 9) is skipped; the genuine number 1 after it is cached
        world.ca.publishCrl(crlCa, 9, List.of(), KeyAlgorithm.RSA_2048.generate().getPrivate());
        world.ca.publishCrl(crlCa, 1, List.of(BigInteger.valueOf(4242)));
        Await.until("CRL 1 to be cached", () -> Database.count(
                "select count(*) from crl where authority_id = ? and crl_number = 1", crlCa.id()) == 1);

        ScepResponse first = asker.getCrl(crlScep, crlRa, crlCa.certificate(), BigInteger.TEN);
        assertEquals(PkiStatus.SUCCESS, first.status(), () -> "failInfo " + first.failInfo());
        X509CRL crl = first.crls().get(0);
        assertNotNull(crl.getRevokedCertificate(BigInteger.valueOf(4242)));
        Path crlFile = Files.writeString(dir.resolve("crl.pem"), Pem.encode(crl));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), Pem.encode(crlCa.certificate()));
        String verified = OpenSsl.run("crl", "-in", crlFile.toString(), "-CAfile", caFile.toString(), "-noout");
        assertTrue(verified.contains("verify OK"), verified);

        world.ca.publishCrl(crlCa, 2, List.of(BigInteger.valueOf(4242), BigInteger.valueOf(4343)));
        Await.until("CRL 2 to be cached", () -> Database.count(
                "select count(*) from crl where authority_id = ? and crl_number = 2", crlCa.id()) == 1);
        ScepResponse second = asker.getCrl(crlScep, crlRa, crlCa.certificate(), BigInteger.TEN);
        assertNotNull(second.crls().get(0).getRevokedCertificate(BigInteger.valueOf(4343)));

        // a CRL URL that redirects is not followed (before, the fetch went wherever the answer pointed)
        world.ca.publishCrlBehindRedirect(crlCa, 3, List.of());
        world.ca.publishCrl(crlCa, 4, List.of());
        Await.until("CRL 4 to be cached", () -> Database.count(
                "select count(*) from crl where authority_id = ? and crl_number = 4", crlCa.id()) == 1);
        assertEquals(0, world.ca.crlFetches(crlCa, 3), "the redirect to CRL 3 was not followed");
        assertEquals(1, world.ca.crlFetches(crlCa, 4));
    }

    @Test
    void getCrlNamingAnotherIssuerIsBadCertId() {
        TestDevice asker = new TestDevice("crl-other");

        ScepResponse reply = asker.getCrl(scep, ra, world.ca.root, BigInteger.TEN);

        assertEquals(PkiStatus.FAILURE, reply.status());
        assertEquals(FailInfo.badCertId, reply.failInfo());
    }
}
