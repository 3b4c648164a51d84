package io.stratus.crypto.scep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import io.stratus.crypto.ContentSigners;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;

/**
 * TEST-ONLY key material with fixed values, committed under
 * {@code src/test/resources/io/stratus/crypto/scep/test-only-keys/}: the SCEP RA the fuzz seeds are encrypted
 * to, and a device signer the signed-envelope fuzz target signs with. Never use these keys anywhere else.
 */
final class TestOnlyScepParties {

    static final String RESOURCE_DIR = "io/stratus/crypto/scep/test-only-keys/";
    private static final String RA = "test-only-scep-ra";
    private static final String DEVICE = "test-only-scep-device-ec";

    /** A party: certificate and private key. */
    record Party(X509Certificate certificate, PrivateKey privateKey) {
    }

    private TestOnlyScepParties() {
    }

    /** The fixed RSA-2048 RA (self-signed, valid 2025 to 2125). */
    static RaCredentials ra() {
        return raCredentials(load(RA, TestOnlyScepParties::resource));
    }

    /** The RA as written under a resources directory (seed regeneration, before resources are copied). */
    static RaCredentials ra(Path resourcesRoot) {
        return raCredentials(load(RA, file -> {
            try {
                return Files.readString(resourcesRoot.resolve(RESOURCE_DIR + file), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static RaCredentials raCredentials(Party ra) {
        return new RaCredentials(ra.certificate(), ra.privateKey(), List.of());
    }

    /** The fixed EC P-256 device signer (self-signed, valid 2025 to 2125). */
    static Party device() {
        return load(DEVICE, TestOnlyScepParties::resource);
    }

    /** Writes fresh parties into {@code resourcesRoot} when they are not there yet (seed regeneration). */
    static void createIfMissing(Path resourcesRoot) throws IOException {
        Path dir = resourcesRoot.resolve(RESOURCE_DIR);
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve(RA + ".crt.pem"))) {
            write(dir, RA, KeyAlgorithm.RSA_2048.generate(), "CN=TEST ONLY Stratus SCEP RA (fuzzing),O=Stratus,C=US");
        }
        if (!Files.exists(dir.resolve(DEVICE + ".crt.pem"))) {
            write(dir, DEVICE, KeyAlgorithm.EC_P256.generate(), "CN=TEST ONLY fuzz device,O=Stratus,C=US");
        }
    }

    private static void write(Path dir, String name, KeyPair keys, String dn) throws IOException {
        Files.writeString(dir.resolve(name + ".key.pem"), Pem.armor("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(dir.resolve(name + ".crt.pem"), Pem.encode(selfSigned(keys, dn)));
    }

    private static X509Certificate selfSigned(KeyPair keys, String dn) {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(SubjectNames.parse(dn),
                Serials.random(), Date.from(Instant.parse("2025-01-01T00:00:00Z")),
                Date.from(Instant.parse("2125-01-01T00:00:00Z")), SubjectNames.parse(dn), keys.getPublic());
        try {
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            KeyAlgorithm algorithm = KeyAlgorithm.of(keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(ContentSigners.of(algorithm.signatureAlgorithm(), keys.getPrivate())));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a test-only certificate", e);
        }
    }

    private static Party load(String name, Function<String, String> reader) {
        X509Certificate certificate = Pem.certificate(reader.apply(name + ".crt.pem"));
        byte[] pkcs8 = Pem.blocks(reader.apply(name + ".key.pem"), "PRIVATE KEY").get(0);
        try {
            String family = KeyAlgorithm.familyOf(certificate.getPublicKey());
            PrivateKey key = KeyFactory.getInstance(family).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new Party(certificate, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read test-only key " + name, e);
        }
    }

    private static String resource(String file) {
        try (InputStream in = TestOnlyScepParties.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE_DIR + file
                        + " (regenerate with -Dstratus.fuzz.regenerate-seeds=true)");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
