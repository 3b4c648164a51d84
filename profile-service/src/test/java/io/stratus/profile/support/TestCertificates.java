package io.stratus.profile.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;

/** Real certificates for trusted profiles: a root, an issuing CA under it, and an end-entity certificate. */
public final class TestCertificates {

    private static TestCertificates instance;

    public final KeyPair rootKeys = KeyAlgorithm.EC_P256.generate();
    public final X509Certificate root;
    public final X509Certificate issuing;
    public final X509Certificate leaf;

    private TestCertificates() {
        Instant now = Instant.now();
        Instant later = now.plus(3650, ChronoUnit.DAYS);
        root = CaCertificateBuilder.selfSignedRoot(
                CaCertificateBuilder.CaSpec.of("CN=Contoso Test Root,O=Contoso", KeyAlgorithm.EC_P256, now, later),
                rootKeys);
        KeyPair issuingKeys = KeyAlgorithm.EC_P256.generate();
        issuing = CaCertificateBuilder.issuing(
                CaCertificateBuilder.CaSpec.of("CN=Contoso Test Issuing,O=Contoso", KeyAlgorithm.EC_P256, now, later),
                issuingKeys.getPublic(), root, rootKeys.getPrivate());
        leaf = endEntity(now, later);
    }

    public static synchronized TestCertificates get() {
        if (instance == null) {
            instance = new TestCertificates();
        }
        return instance;
    }

    public String rootPem() {
        return Pem.encode(root);
    }

    public String issuingPem() {
        return Pem.encode(issuing);
    }

    public String leafPem() {
        return Pem.encode(leaf);
    }

    private X509Certificate endEntity(Instant from, Instant to) {
        try {
            KeyPair keys = KeyAlgorithm.EC_P256.generate();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(4242),
                    Date.from(from), Date.from(to), new X500Name("CN=not a ca"), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the end-entity test certificate", e);
        }
    }
}
