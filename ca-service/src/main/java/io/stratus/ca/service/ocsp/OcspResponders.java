package io.stratus.ca.service.ocsp;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.logging.Log;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.service.CaKeyStore;
import io.stratus.crypto.CaSigningKey;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Ocsp;
import io.stratus.crypto.Serials;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The delegated OCSP responders, one per key of a CA (RFC 6960 4.2.2.2: the responder's certificate is issued by the
 * key that issued the certificates it answers for): an EC P-256 key pair made in memory and a certificate the CA key
 * signs, with id-kp-OCSPSigning and id-pkix-ocsp-nocheck, valid {@code stratus.ca.ocsp-responder-validity} (and never
 * past the CA's certificate). A new one replaces it after half its validity. Each replica makes its own at first use;
 * clients find the one that signed a response in the response. The CA key is used once per responder, not per answer.
 */
@ApplicationScoped
public class OcspResponders {

    /** A responder's certificate and key, and when to make the next. */
    public record Responder(X509Certificate certificate, PrivateKey key, Instant renewAfter) {
    }

    private final CaKeyStore keys;
    private final CaConfig config;
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();

    public OcspResponders(CaKeyStore keys, CaConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /**
     * The responder of the key that signed {@code issuer} ({@code generation}: that certificate's row, null for a CA
     * without generation rows); made or renewed here, so call it off the event loop.
     */
    public Responder of(AuthorityEntity ca, CaCertificateEntity generation, X509Certificate issuer) {
        int keyGeneration = generation == null ? 1 : generation.keyGeneration;
        return responders.compute(ca.id + "/" + keyGeneration, (key, current) ->
                current != null && Instant.now().isBefore(current.renewAfter())
                        && current.certificate().getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                        ? current : make(ca, generation, issuer, keyGeneration));
    }

    private Responder make(AuthorityEntity ca, CaCertificateEntity generation, X509Certificate issuer,
            int keyGeneration) {
        CaSigningKey caKey = generation == null ? keys.signingKey(ca) : keys.signingKey(ca, generation);
        KeyPair responderKey = KeyAlgorithm.EC_P256.generate();
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1));
        Instant notAfter = notBefore.plus(config.ocspResponderValidity());
        if (notAfter.isAfter(issuer.getNotAfter().toInstant())) {
            notAfter = issuer.getNotAfter().toInstant();
        }
        X509Certificate certificate = Ocsp.responderCertificate("CN=OCSP Responder,OU=" + ca.id + ",O=Stratus",
                responderKey.getPublic(), notBefore, notAfter, issuer, caKey.privateKey());
        Log.infof("OCSP responder certificate %s of CA %s (key generation %d), valid until %s",
                Serials.hex(certificate.getSerialNumber()), ca.id, keyGeneration, notAfter);
        Instant renewAfter = notBefore.plus(Duration.between(notBefore, notAfter).dividedBy(2));
        return new Responder(certificate, responderKey.getPrivate(), renewAfter);
    }
}
