package io.stratus.enrollment.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.scep.MessageType;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepCipherSuite;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.crypto.scep.ScepException;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.StratusTestResource;

/**
 * A bounded, seeded mutation fuzzer of PKIOperation (plain JUnit, not coverage-guided): valid messages
 * (built now for the live RA, plus the stored corpus under {@code fuzz-corpus/}) are mutated and POSTed.
 * Every answer must be a CertRep FAILURE signed by the RA, or a 4xx problem+json; never a 5xx.
 * {@code -Dstratus.fuzz.seconds} (default 20) and {@code -Dstratus.fuzz.seed} (default 8894) set the run;
 * {@code -Dstratus.fuzz.write-corpus=<dir>} saves the freshly built seeds there.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class PkiOperationFuzzTest {

    static final String[] CORPUS = {"pkcsreq-wrong-challenge.der", "certpoll-unknown.der", "getcert-unknown.der",
        "getcrl-other-issuer.der", "renewal-self-signed.der", "getcert-garbage-content.der"};

    @TestHTTPResource("/")
    URL root;

    @Test
    void mutatedPkiOperationsGetFailureCertRepsOr4xxOnly() throws Exception {
        long seed = Long.getLong("stratus.fuzz.seed", 8894L);
        Duration budget = Duration.ofSeconds(Long.getLong("stratus.fuzz.seconds", 20L));
        TestWorld world = TestWorld.get();
        ScepHttp scep = world.scep(root.toString().replaceAll("/$", ""), world.issuing.id());
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        Mutator mutator = new Mutator(seed);

        List<byte[]> seeds = new ArrayList<>(freshSeeds(world, ra, mutator));
        saveIfAsked(seeds);
        seeds.addAll(storedCorpus());
        for (byte[] message : seeds) {
            check(scep, ra, message, "seed");
        }

        Instant deadline = Instant.now().plus(budget);
        int sent = 0;
        while (Instant.now().isBefore(deadline)) {
            byte[] mutant = mutator.random().nextInt(8) == 0
                    ? structured(world, ra, mutator)
                    : mutator.mutate(seeds.get(mutator.random().nextInt(seeds.size())), seeds);
            check(scep, ra, mutant, "seed " + seed + ", mutant " + sent);
            sent++;
        }
        System.out.printf("PKIOperation fuzz: seed %d, %d seeds, %d mutants in %s%n", seed, seeds.size(), sent, budget);
        assertTrue(sent > 0, "at least one mutant was sent");
        assertEquals(200, scep.get("GetCACaps").statusCode(), "the service still answers");
    }

    private static void check(ScepHttp scep, X509Certificate ra, byte[] message, String what) {
        HttpResponse<byte[]> response = scep.postPkiOperation(message);
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status == 200) {
            assertEquals("application/x-pki-message", type, what);
            ScepResponse reply;
            try {
                reply = ScepClientMessages.decodeResponse(response.body(), null, null, null, List.of(ra));
            } catch (ScepException e) {
                throw new AssertionError(what + ": the 200 answer is not a CertRep signed by the RA: " + e.getMessage());
            }
            assertEquals(PkiStatus.FAILURE, reply.status(), what + ": only FAILURE may answer a mutant");
        } else if (status >= 400 && status < 500) {
            assertTrue(type.startsWith("application/problem+json"), what + ": 4xx without problem+json: " + type);
        } else {
            fail(what + ": HTTP " + status + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    /** Valid messages for the live RA that must each be refused. */
    private static List<byte[]> freshSeeds(TestWorld world, X509Certificate ra, Mutator mutator) {
        TestDevice device = new TestDevice("fuzz-" + UUID.randomUUID().toString().substring(0, 8));
        X500Name issuer = X500Name.getInstance(world.issuing.certificate().getSubjectX500Principal().getEncoded());
        X500Name rootName = X500Name.getInstance(world.ca.root.getSubjectX500Principal().getEncoded());
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(ScepClientMessages.pkcsReq(device.csr("no-such-challenge"), device.signer(), device.keys.getPrivate(),
                ra, device.transactionId, ScepClientMessages.newNonce()));
        seeds.add(ScepClientMessages.certPoll(issuer, X500Name.getInstance(device.signer().getSubjectX500Principal()
                .getEncoded()), device.signer(), device.keys.getPrivate(), ra, "fuzz-poll-" + UUID.randomUUID(),
                ScepClientMessages.newNonce()));
        seeds.add(ScepClientMessages.getCert(issuer, BigInteger.valueOf(987654321L), device.signer(),
                device.keys.getPrivate(), ra, "fuzz-getcert", ScepClientMessages.newNonce()));
        seeds.add(ScepClientMessages.getCrl(rootName, BigInteger.ONE, device.signer(), device.keys.getPrivate(), ra,
                "fuzz-getcrl", ScepClientMessages.newNonce()));
        TestDevice next = new TestDevice(device.name);
        seeds.add(ScepClientMessages.renewalReq(next.csr(null), device.signer(), device.keys.getPrivate(), ra,
                next.transactionId, ScepClientMessages.newNonce()));
        seeds.add(ScepClientMessages.request(MessageType.GetCert, mutator.randomTlv(), device.signer(),
                device.keys.getPrivate(), ra, "fuzz-garbage", ScepClientMessages.newNonce(),
                ScepCipherSuite.AES256_SHA256));
        return seeds;
    }

    /** A correctly signed and encrypted message whose inner content is random ASN.1. */
    private static byte[] structured(TestWorld world, X509Certificate ra, Mutator mutator) {
        MessageType[] types = {MessageType.PKCSReq, MessageType.RenewalReq, MessageType.GetCert, MessageType.GetCRL,
            MessageType.CertPoll};
        TestDevice device = new TestDevice("fuzz-inner");
        byte[] content = mutator.randomTlv();
        if (mutator.random().nextBoolean()) {
            content = mutator.mutate(device.csr("fuzz"), List.of(content));
        }
        return ScepClientMessages.request(types[mutator.random().nextInt(types.length)], content, device.signer(),
                device.keys.getPrivate(), ra, "fuzz-inner-" + UUID.randomUUID(), ScepClientMessages.newNonce(),
                ScepCipherSuite.AES256_SHA256);
    }

    private static List<byte[]> storedCorpus() throws IOException {
        List<byte[]> corpus = new ArrayList<>();
        for (String name : CORPUS) {
            try (InputStream in = PkiOperationFuzzTest.class.getResourceAsStream("/fuzz-corpus/" + name)) {
                if (in == null) {
                    throw new AssertionError("fuzz corpus file missing: fuzz-corpus/" + name);
                }
                corpus.add(in.readAllBytes());
            }
        }
        return corpus;
    }

    private static void saveIfAsked(List<byte[]> seeds) throws IOException {
        String dir = System.getProperty("stratus.fuzz.write-corpus");
        if (dir == null) {
            return;
        }
        Files.createDirectories(Path.of(dir));
        for (int i = 0; i < CORPUS.length && i < seeds.size(); i++) {
            Files.write(Path.of(dir, CORPUS[i]), seeds.get(i));
        }
    }
}
