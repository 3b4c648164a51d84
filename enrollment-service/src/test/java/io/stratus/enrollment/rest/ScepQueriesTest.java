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

        // the event only names which CRL of its CA: it is downloaded from the configured address, not the event's host
        world.ca.publishCrlAnnouncedAt(crlCa, 3, "http://203.0.113.7:9" + world.ca.crlPath(crlCa, 3));
        Await.until("CRL 3 to be cached", () -> Database.count(
                "select count(*) from crl where authority_id = ? and crl_number = 3", crlCa.id()) == 1);
        // a path that is no CRL of this CA is not downloaded at all
        world.ca.publishCrlAnnouncedAt(crlCa, 4, "http://127.0.0.1:18380/pki/" + world.tenant + "/" + world.issuing.id()
                + "/crl/4");
        world.ca.publishCrlAnnouncedAt(crlCa, 5, world.ca.crlPath(crlCa, 5) + "?next=elsewhere");
        // a CRL address that redirects is not followed
        world.ca.publishCrlBehindRedirect(crlCa, 6);
        world.ca.publishCrl(crlCa, 7, List.of());
        Await.until("CRL 7 to be cached", () -> Database.count(
                "select count(*) from crl where authority_id = ? and crl_number = 7", crlCa.id()) == 1);
        assertEquals(0, world.ca.crlFetches(crlCa, 4), "another CA's CRL path is not fetched");
        assertEquals(0, world.ca.crlFetches(crlCa, 5), "a URL with a query is not fetched");
        assertEquals(0, world.ca.crlFetches(crlCa, 6), "the redirect to CRL 6 was not followed");
        assertEquals(1, world.ca.crlFetches(crlCa, 7));
        assertEquals(0, Database.count("select count(*) from crl where authority_id = ? and crl_number in (4, 5, 6)",
                crlCa.id()));
    }

    @Test
    void getCrlNamingAnotherIssuerIsBadCertId() {
        TestDevice asker = new TestDevice("crl-other");

        ScepResponse reply = asker.getCrl(scep, ra, world.ca.root, BigInteger.TEN);

        assertEquals(PkiStatus.FAILURE, reply.status());
        assertEquals(FailInfo.badCertId, reply.failInfo());
    }
}
