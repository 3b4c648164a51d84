package io.stratus.crypto.scep;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;

import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.San;
import io.stratus.crypto.TestPki;

/**
 * Builds the committed fuzz seed corpus with the library's own client builders ({@link ScepClientMessages},
 * {@link Csrs}): real PKIOperation bodies encrypted to the {@link TestOnlyScepParties#ra() test-only RA},
 * the control-byte inputs of {@link SignedEnvelopeFuzzTest}, and PKCS#10 requests. Regenerate with
 * {@code ./mvnw -o -q test -pl libs/crypto -Dtest=ScepSeedCorpusTest -Dstratus.fuzz.regenerate-seeds=true}.
 */
final class ScepSeedCorpus {

    static final String PKI_OPERATION_DIR = "io/stratus/crypto/scep/PkiOperationFuzzTestInputs/decode/";
    static final String SIGNED_ENVELOPE_DIR = "io/stratus/crypto/scep/SignedEnvelopeFuzzTestInputs/decode/";
    static final String CSR_DIR = "io/stratus/crypto/CsrParseFuzzTestInputs/parse/";

    private static final X500Name ISSUER = new X500Name("CN=Stratus Test Issuing CA,O=Stratus,C=US");
    private static final ScepCipherSuite AES128_SHA512 = new ScepCipherSuite(ScepAlgorithms.AES128_CBC,
            ScepAlgorithms.SHA512);
    private static final ScepCipherSuite AES192_SHA384 = new ScepCipherSuite(ScepAlgorithms.AES192_CBC,
            ScepAlgorithms.SHA384);
    private static final ScepCipherSuite AES256_SHA512 = new ScepCipherSuite(ScepAlgorithms.AES256_CBC,
            ScepAlgorithms.SHA512);
    private static final ScepCipherSuite TRIPLE_DES_SHA256 = new ScepCipherSuite(ScepAlgorithms.DES_EDE3_CBC,
            ScepAlgorithms.SHA256);
    private static final ScepCipherSuite TRIPLE_DES_SHA512 = new ScepCipherSuite(ScepAlgorithms.DES_EDE3_CBC,
            ScepAlgorithms.SHA512);

    private ScepSeedCorpus() {
    }

    /** A device with its keys and the self-signed certificate it signs a first request with. */
    private record Device(KeyPair keys, X509Certificate signer, String dn) {

        static Device create(KeyAlgorithm algorithm, String cn) {
            KeyPair keys = algorithm.generate();
            String dn = "CN=" + cn + ",O=Stratus,C=US";
            return new Device(keys, ScepClientMessages.selfSignedSigner(keys, dn), dn);
        }

        byte[] csr() {
            return Csrs.build(keys, dn, List.of(San.dns("device.example.test"), San.email("device@example.test"),
                    San.uri("urn:stratus:device:1"), San.ip("192.0.2.7"), San.upn("device@example.test")),
                    "fuzz-seed-challenge");
        }

        String transactionId() {
            return ScepClientMessages.transactionId(keys.getPublic());
        }
    }

    /** Writes every corpus (and the test-only parties if missing) under {@code resourcesRoot}. */
    static void writeAll(Path resourcesRoot) throws IOException {
        TestOnlyScepParties.createIfMissing(resourcesRoot);
        RaCredentials ra = TestOnlyScepParties.ra(resourcesRoot);
        write(resourcesRoot.resolve(PKI_OPERATION_DIR), pkiOperations(ra));
        write(resourcesRoot.resolve(SIGNED_ENVELOPE_DIR), signedEnvelopeInputs(ra));
        write(resourcesRoot.resolve(CSR_DIR), csrs());
    }

    /** Real PKIOperation bodies: every request type, RSA and EC signers, AES and 3DES, SHA-1/256/384/512. */
    static Map<String, byte[]> pkiOperations(RaCredentials ra) {
        X509Certificate recipient = ra.certificate();
        Device rsa = Device.create(KeyAlgorithm.RSA_2048, "fuzz-seed-rsa");
        Device ec = Device.create(KeyAlgorithm.EC_P256, "fuzz-seed-ec");
        Device ec384 = Device.create(KeyAlgorithm.EC_P384, "fuzz-seed-ec384");
        TestPki pki = TestPki.create(KeyAlgorithm.EC_P256);
        KeyPair renewing = KeyAlgorithm.EC_P256.generate();
        X509Certificate issued = pki.leaf(renewing, "CN=fuzz-seed-renewal,O=Stratus,C=US", List.of());
        Device renewal = new Device(renewing, issued, "CN=fuzz-seed-renewal,O=Stratus,C=US");

        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("pkcsreq-rsa2048-aes256-sha256", ScepClientMessages.pkcsReq(rsa.csr(), rsa.signer(),
                rsa.keys().getPrivate(), recipient, rsa.transactionId(), nonce(1), ScepCipherSuite.AES256_SHA256));
        seeds.put("pkcsreq-rsa2048-3des-sha256", ScepClientMessages.pkcsReq(rsa.csr(), rsa.signer(),
                rsa.keys().getPrivate(), recipient, rsa.transactionId(), nonce(2), TRIPLE_DES_SHA256));
        seeds.put("pkcsreq-ecp256-aes128-sha512", ScepClientMessages.pkcsReq(ec.csr(), ec.signer(),
                ec.keys().getPrivate(), recipient, ec.transactionId(), nonce(3), AES128_SHA512));
        seeds.put("pkcsreq-ecp384-3des-sha1", ScepClientMessages.pkcsReq(ec384.csr(), ec384.signer(),
                ec384.keys().getPrivate(), recipient, ec384.transactionId(), nonce(4),
                ScepCipherSuite.TRIPLE_DES_SHA1));
        seeds.put("renewalreq-ecp256-aes256-sha512", ScepClientMessages.renewalReq(renewal.csr(), renewal.signer(),
                renewing.getPrivate(), recipient, renewal.transactionId(), nonce(5), AES256_SHA512));
        seeds.put("renewalreq-rsa2048-aes192-sha384", ScepClientMessages.renewalReq(rsa.csr(), rsa.signer(),
                rsa.keys().getPrivate(), recipient, rsa.transactionId(), nonce(6), AES192_SHA384));
        seeds.put("certpoll-rsa2048-aes256-sha256", ScepClientMessages.certPoll(ISSUER, new X500Name(rsa.dn()),
                rsa.signer(), rsa.keys().getPrivate(), recipient, rsa.transactionId(), nonce(7)));
        seeds.put("certpoll-ecp256-3des-sha512", ScepClientMessages.request(MessageType.CertPoll,
                IssuerAndSubject.encode(ISSUER, new X500Name(ec.dn())), ec.signer(), ec.keys().getPrivate(),
                recipient, ec.transactionId(), nonce(8), TRIPLE_DES_SHA512));
        seeds.put("getcert-ecp256-aes256-sha256", ScepClientMessages.getCert(ISSUER, BigInteger.valueOf(0x1234567),
                ec.signer(), ec.keys().getPrivate(), recipient, ec.transactionId(), nonce(9)));
        seeds.put("getcert-rsa2048-aes128-sha512", ScepClientMessages.request(MessageType.GetCert,
                IssuerAndSerial.encode(ISSUER, new BigInteger("7fffffffffffffffffffffffffffffff", 16)), rsa.signer(),
                rsa.keys().getPrivate(), recipient, rsa.transactionId(), nonce(10), AES128_SHA512));
        seeds.put("getcrl-rsa2048-aes256-sha256", ScepClientMessages.getCrl(ISSUER, BigInteger.TEN, rsa.signer(),
                rsa.keys().getPrivate(), recipient, rsa.transactionId(), nonce(11)));
        seeds.put("getcrl-ecp256-3des-sha256", ScepClientMessages.request(MessageType.GetCRL,
                IssuerAndSerial.encode(ISSUER, BigInteger.ONE), ec.signer(), ec.keys().getPrivate(), recipient,
                ec.transactionId(), nonce(12), TRIPLE_DES_SHA256));
        return seeds;
    }

    /** Control bytes + payload for {@link SignedEnvelopeFuzzTest} (see its layout). */
    static Map<String, byte[]> signedEnvelopeInputs(RaCredentials ra) {
        Device device = Device.create(KeyAlgorithm.EC_P256, "fuzz-seed-envelope");
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("pkcsreq-encrypted-csr", SignedEnvelopeFuzzTest.input(MessageType.PKCSReq, true, 2, 0,
                device.csr()));
        seeds.put("renewalreq-encrypted-csr", SignedEnvelopeFuzzTest.input(MessageType.RenewalReq, true, 3, 1,
                device.csr()));
        seeds.put("certpoll-encrypted", SignedEnvelopeFuzzTest.input(MessageType.CertPoll, true, 0, 0,
                IssuerAndSubject.encode(ISSUER, new X500Name(device.dn()))));
        seeds.put("getcert-encrypted", SignedEnvelopeFuzzTest.input(MessageType.GetCert, true, 1, 0,
                IssuerAndSerial.encode(ISSUER, BigInteger.valueOf(99))));
        seeds.put("getcrl-encrypted", SignedEnvelopeFuzzTest.input(MessageType.GetCRL, true, 2, 1,
                IssuerAndSerial.encode(ISSUER, BigInteger.valueOf(100))));
        seeds.put("pkcsreq-raw-envelope", SignedEnvelopeFuzzTest.input(MessageType.PKCSReq, false, 0, 0,
                PkiMessages.envelope(device.csr(), ra.certificate(), ScepAlgorithms.AES256_CBC)));
        return seeds;
    }

    /** PKCS#10 requests: RSA and EC keys, with and without SANs and challenge. */
    static Map<String, byte[]> csrs() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("csr-rsa2048-sans-challenge", Device.create(KeyAlgorithm.RSA_2048, "fuzz-csr-rsa").csr());
        seeds.put("csr-ecp256-sans-challenge", Device.create(KeyAlgorithm.EC_P256, "fuzz-csr-ec").csr());
        KeyPair p384 = KeyAlgorithm.EC_P384.generate();
        seeds.put("csr-ecp384-plain", Csrs.build(p384, "CN=fuzz-csr-plain,O=Stratus,C=US", List.of(), null));
        KeyPair unicode = KeyAlgorithm.EC_P256.generate();
        seeds.put("csr-ecp256-empty-subject-utf8-challenge", Csrs.build(unicode, "", List.of(San.dns("a.example")),
                "défi-ü"));
        return seeds;
    }

    private static byte[] nonce(int seed) {
        byte[] nonce = new byte[PkiMessages.NONCE_BYTES];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) (seed * 31 + i);
        }
        return nonce;
    }

    private static void write(Path dir, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(dir.resolve(seed.getKey()), seed.getValue());
        }
    }
}
