package io.stratus.crypto.scep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;

/** The committed fuzz seeds are real messages the test-only RA accepts (and can be regenerated). */
class ScepSeedCorpusTest {

    private static final List<String> PKI_OPERATION_SEEDS = List.of("pkcsreq-rsa2048-aes256-sha256",
            "pkcsreq-rsa2048-3des-sha256", "pkcsreq-ecp256-aes128-sha512", "pkcsreq-ecp384-3des-sha1",
            "renewalreq-ecp256-aes256-sha512", "renewalreq-rsa2048-aes192-sha384", "certpoll-rsa2048-aes256-sha256",
            "certpoll-ecp256-3des-sha512", "getcert-ecp256-aes256-sha256", "getcert-rsa2048-aes128-sha512",
            "getcrl-rsa2048-aes256-sha256", "getcrl-ecp256-3des-sha256");
    private static final List<String> CSR_SEEDS = List.of("csr-rsa2048-sans-challenge", "csr-ecp256-sans-challenge",
            "csr-ecp384-plain", "csr-ecp256-empty-subject-utf8-challenge");

    @Test
    void pkiOperationSeedsDecodeWithTheTestOnlyRa() throws IOException {
        ScepServer server = new ScepServer();
        RaCredentials ra = TestOnlyScepParties.ra();
        Set<MessageType> types = EnumSet.noneOf(MessageType.class);
        Set<String> signerFamilies = new HashSet<>();
        Set<String> ciphers = new HashSet<>();
        Set<String> digests = new HashSet<>();
        for (String name : PKI_OPERATION_SEEDS) {
            ScepRequest request = server.decode(seed(ScepSeedCorpus.PKI_OPERATION_DIR + name), ra);
            assertEquals(name.substring(0, name.indexOf('-')), request.messageType().name().toLowerCase(), name);
            types.add(request.messageType());
            signerFamilies.add(KeyAlgorithm.familyOf(request.signerCertificate().getPublicKey()));
            ciphers.add(request.contentEncryptionAlgorithmOid());
            digests.add(request.digestAlgorithmOid());
            if (request.messageType().carriesCsr()) {
                assertNotNull(Csrs.parse(request.content()).subjectDn(), name);
            } else if (request.messageType() == MessageType.CertPoll) {
                assertTrue(request.issuerAndSubject().issuerDn().contains("Stratus Test Issuing CA"), name);
            } else {
                assertTrue(request.issuerAndSerial().serial().signum() > 0, name);
            }
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(MessageType.CertRep)), types);
        assertEquals(Set.of(KeyAlgorithm.RSA, KeyAlgorithm.EC), signerFamilies);
        assertTrue(ciphers.containsAll(Set.of(ScepAlgorithms.AES128_CBC, ScepAlgorithms.AES192_CBC,
                ScepAlgorithms.AES256_CBC, ScepAlgorithms.DES_EDE3_CBC)), ciphers.toString());
        assertTrue(digests.containsAll(Set.of(ScepAlgorithms.SHA1, ScepAlgorithms.SHA256, ScepAlgorithms.SHA384,
                ScepAlgorithms.SHA512)), digests.toString());
    }

    @Test
    void csrSeedsParse() throws IOException {
        for (String name : CSR_SEEDS) {
            Csrs.ParsedCsr csr = Csrs.parse(seed(ScepSeedCorpus.CSR_DIR + name));
            assertTrue(csr.keySize() >= 256, name);
        }
    }

    @Test
    void theGeneratorBuildsWhatWasCommitted() throws IOException {
        // fresh keys and signatures differ byte for byte, so compare the decoded meaning of each seed
        RaCredentials ra = TestOnlyScepParties.ra();
        Map<String, byte[]> fresh = ScepSeedCorpus.pkiOperations(ra);
        assertEquals(Set.copyOf(PKI_OPERATION_SEEDS), fresh.keySet());
        ScepServer server = new ScepServer();
        for (String name : PKI_OPERATION_SEEDS) {
            ScepRequest committed = server.decode(seed(ScepSeedCorpus.PKI_OPERATION_DIR + name), ra);
            ScepRequest regenerated = server.decode(fresh.get(name), ra);
            assertEquals(committed.messageType(), regenerated.messageType(), name);
            assertEquals(committed.digestAlgorithmOid(), regenerated.digestAlgorithmOid(), name);
            assertEquals(committed.contentEncryptionAlgorithmOid(), regenerated.contentEncryptionAlgorithmOid(), name);
            assertArrayEquals(committed.senderNonce(), regenerated.senderNonce(), name);
        }
    }

    /**
     * Writes a whole corpus, into a temporary directory, and checks it decodes with the RA it was written for.
     * {@code -Dstratus.fuzz.regenerate-seeds=true -Dtest=ScepSeedCorpusTest} rewrites the committed corpus instead.
     */
    @Test
    void regenerate(@TempDir Path tmp) throws IOException {
        Path root = Boolean.getBoolean("stratus.fuzz.regenerate-seeds") ? Path.of("src/test/resources") : tmp;
        ScepSeedCorpus.writeAll(root);
        RaCredentials ra = TestOnlyScepParties.ra(root);
        ScepServer server = new ScepServer();
        for (String name : PKI_OPERATION_SEEDS) {
            byte[] written = Files.readAllBytes(root.resolve(ScepSeedCorpus.PKI_OPERATION_DIR + name));
            assertEquals(name.substring(0, name.indexOf('-')), server.decode(written, ra).messageType().name().toLowerCase(), name);
        }
        for (String name : CSR_SEEDS) {
            assertNotNull(Csrs.parse(Files.readAllBytes(root.resolve(ScepSeedCorpus.CSR_DIR + name))).subjectDn(), name);
        }
    }

    private static byte[] seed(String resource) throws IOException {
        try (InputStream in = ScepSeedCorpusTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "missing seed " + resource);
            return in.readAllBytes();
        }
    }
}
