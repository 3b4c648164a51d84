package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.CaKeyProtection.GeneratedCaKey;
import io.stratus.crypto.Crls.RevokedEntry;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;
import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SoftHsmToken;
import io.stratus.testkit.tools.SystemTool;

/** CA keys in a SoftHSM2 token: generated inside, never extractable, signing what OpenSSL accepts. */
@Isolated // toggles the ACCP system property in one test
@RequiresSystemTool(SystemTool.SOFTHSM2)
class Pkcs11KeyProtectionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256"})
    void tokenKeySignsRootLeafAndCrlThatOpenSslAccepts(KeyAlgorithm algorithm) throws Exception {
        Pkcs11KeyProtection token = new Pkcs11KeyProtection(byLabel());
        String caId = caId(algorithm);
        GeneratedCaKey generated = token.generate(caId, algorithm);
        CaSigningKey key = generated.key();

        assertEquals("pkcs11", token.kind());
        assertArrayEquals(caId.getBytes(StandardCharsets.UTF_8), generated.reference(), "the reference is the alias");
        assertNull(key.privateKey().getEncoded(), "a token key cannot be exported");
        assertNull(key.privateKey().getFormat());
        assertFalse(key.exportable());
        assertSame(token.provider(), key.provider());
        assertEquals(algorithm, KeyAlgorithm.of(key.publicKey()));
        assertThrows(IllegalArgumentException.class, () -> KeyWrapping.wrap(key.privateKey(), KeyWrapping.newKek()));

        X509Certificate root = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Stratus HSM Root " + algorithm
                + ",O=Stratus,C=US", algorithm, Instant.now().minus(Duration.ofMinutes(5)),
                Instant.now().plus(Duration.ofDays(3650))), key.keyPair());
        token.storeCertificateChain(caId, root);
        X509Certificate leaf = leaf(root, key);
        X509CRL crl = Crls.build(root, key.privateKey(), BigInteger.TWO, Instant.now(),
                Instant.now().plus(Duration.ofDays(1)), List.of(new RevokedEntry(BigInteger.TEN, Instant.now(), 1)));
        root.verify(key.publicKey());
        leaf.verify(key.publicKey());
        crl.verify(key.publicKey());
        assertOpenSslAccepts(root, leaf, crl);

        // a second instance, found by slot id this time, looks the key up by alias and signs again
        Pkcs11KeyProtection reopened = new Pkcs11KeyProtection(bySlot());
        assertTrue(reopened.contains(caId));
        CaSigningKey again = reopened.open(caId, algorithm, generated.reference());
        assertArrayEquals(key.publicKey().getEncoded(), again.publicKey().getEncoded());
        assertNull(again.privateKey().getEncoded());
        assertOpenSslAccepts(root, leaf(root, again), crl);
    }

    @Test
    void signingFallsBackFromTheFastProviderToTheTokenProvider() throws Exception {
        CaSigningKey key = new Pkcs11KeyProtection(byLabel()).generate(caId(KeyAlgorithm.EC_P256),
                KeyAlgorithm.EC_P256).key();
        byte[] data = "to be signed".getBytes(StandardCharsets.UTF_8);
        for (String accp : List.of("true", "false")) {
            System.setProperty(Providers.ACCP_PROPERTY, accp);
            try {
                // plain PrivateKey paths, no provider given: the JDK selection finds the registered token provider
                X509Certificate root = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Fallback " + accp, null,
                        null, Instant.now().plus(Duration.ofDays(1))), key.keyPair());
                root.verify(key.publicKey());
                Signature direct = Signature.getInstance(KeyAlgorithm.EC_P256.signatureAlgorithm());
                direct.initSign(key.privateKey());
                direct.update(data);
                Signature verifier = Signature.getInstance(KeyAlgorithm.EC_P256.signatureAlgorithm());
                verifier.initVerify(key.publicKey());
                verifier.update(data);
                assertTrue(verifier.verify(direct.sign()));
                assertEquals(key.provider().getName(), direct.getProvider().getName());
            } finally {
                System.clearProperty(Providers.ACCP_PROPERTY);
            }
        }
    }

    @Test
    void aliasesAreUniqueAndLookupsFailClearly() {
        Pkcs11KeyProtection token = new Pkcs11KeyProtection(byLabel());
        String caId = caId(KeyAlgorithm.EC_P256);
        GeneratedCaKey generated = token.generate(caId, KeyAlgorithm.EC_P256);
        assertThrows(IllegalStateException.class, () -> token.generate(caId, KeyAlgorithm.EC_P256));
        assertThrows(IllegalArgumentException.class,
                () -> token.open(caId, KeyAlgorithm.RSA_2048, generated.reference()));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> token.open("nobody", KeyAlgorithm.EC_P256, "nobody".getBytes(StandardCharsets.UTF_8)));
        assertTrue(missing.getMessage().contains("nobody"), missing.getMessage());
        assertTrue(token.delete(caId));
        assertFalse(token.contains(caId));
        assertFalse(token.delete(caId));
        assertThrows(IllegalStateException.class, () -> token.open(caId, KeyAlgorithm.EC_P256, generated.reference()));

        SoftHsmToken.Token softHsm = SoftHsmToken.token();
        IllegalStateException unknownLabel = assertThrows(IllegalStateException.class,
                () -> new Pkcs11KeyProtection(Pkcs11Config.byTokenLabel(softHsm.library().toString(), "no-such-token",
                        softHsm.pin())));
        assertTrue(unknownLabel.getMessage().contains(SoftHsmToken.LABEL), "lists the tokens: " + unknownLabel.getMessage());
        assertFalse(token.toString().contains(new String(softHsm.pin())));
    }

    private static X509Certificate leaf(X509Certificate issuer, CaSigningKey key) {
        KeyPair device = TestKeys.ec();
        Instant now = Instant.now();
        LeafSpec spec = new LeafSpec("CN=device-hsm,O=Stratus,C=US", List.of(San.dns("device-hsm.example.test")),
                List.of(ExtendedKeyUsages.CLIENT_AUTH), List.of(), now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofDays(30)), TestPki.CRL_URL, TestPki.CA_ISSUERS_URL, TestPki.OCSP_URL, null);
        return LeafCertificateSigner.sign(spec, device.getPublic(), issuer, key.privateKey());
    }

    private void assertOpenSslAccepts(X509Certificate root, X509Certificate leaf, X509CRL crl) {
        OpenSsl.write(dir, "root.pem", Pem.encode(root));
        OpenSsl.write(dir, "leaf.pem", Pem.encode(leaf));
        OpenSsl.write(dir, "crl.pem", Pem.encode(crl));
        OpenSsl.Result verify = OpenSsl.run(dir, "verify", "-x509_strict", "-CAfile", "root.pem", "leaf.pem")
                .assertSuccess();
        assertTrue(verify.output().contains("leaf.pem: OK"), verify.output());
        OpenSsl.Result crlVerify = OpenSsl.run(dir, "crl", "-in", "crl.pem", "-verify", "-CAfile", "root.pem",
                "-noout").assertSuccess();
        assertTrue(crlVerify.output().contains("verify OK"), crlVerify.output());
    }

    private static String caId(KeyAlgorithm algorithm) {
        return "ca-" + algorithm.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Pkcs11Config byLabel() {
        SoftHsmToken.Token token = SoftHsmToken.token();
        return Pkcs11Config.byTokenLabel(token.library().toString(), token.label(), token.pin());
    }

    private static Pkcs11Config bySlot() {
        SoftHsmToken.Token token = SoftHsmToken.token();
        return Pkcs11Config.bySlot(token.library().toString(), token.slot(), token.pin());
    }
}
