package io.stratus.enrollment.service;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyUsages;
import io.stratus.crypto.KeyWrapping;
import io.stratus.crypto.SubjectNames;
import io.stratus.enrollment.config.KeyEncryptionKey;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;
import io.stratus.events.RequestPurpose;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives every active issuing CA an RA credential: an RSA-2048 key pair made here (the private key
 * wrapped under the KEK) and a certificate requested from the CA over Kafka.
 */
@ApplicationScoped
public class RaProvisioning {

    static final KeyAlgorithm RA_KEY = KeyAlgorithm.RSA_2048;
    static final int RA_VALIDITY_DAYS = 730;

    private final RaCredentialStore store;
    private final CertificateRequestPublisher publisher;
    private final KeyEncryptionKey kek;
    private final Workers workers;

    public RaProvisioning(RaCredentialStore store, CertificateRequestPublisher publisher, KeyEncryptionKey kek,
            Workers workers) {
        this.store = store;
        this.publisher = publisher;
        this.kek = kek;
        this.workers = workers;
    }

    /** The transaction id of a CA's RA certificate request. */
    public static String transactionId(String authorityId) {
        return "ra-" + authorityId;
    }

    /** The subject of a CA's RA certificate. */
    public static String subject(String authorityId) {
        return SubjectNames.dn("Stratus SCEP RA " + authorityId, null, null, null, null, null);
    }

    /** The additional authenticated data binding a wrapped RA key to its CA. */
    public static byte[] wrappingContext(String authorityId) {
        return ("stratus-ra:" + authorityId).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Makes sure an issuing, active CA has an RA credential; a credential still waiting for its
     * certificate is requested again (the CA issues at most one certificate per transaction id).
     */
    public Uni<Void> ensureCredential(Authority authority) {
        if (!authority.issuesCertificates()) {
            return Uni.createFrom().voidItem();
        }
        return store.find(authority.id()).chain(existing -> {
            if (existing == null) {
                return create(authority);
            }
            return existing.issued() ? Uni.createFrom().voidItem() : request(authority, existing);
        });
    }

    private Uni<Void> create(Authority authority) {
        return workers.run(() -> newCredential(authority.id()))
                .chain(credential -> store.createIfAbsent(credential).chain(stored -> {
                    if (!stored) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("RA key pair created for CA %s; requesting its certificate", authority.id());
                    return request(authority, credential);
                }));
    }

    private StoredRaCredential newCredential(String authorityId) {
        KeyPair keys = RA_KEY.generate();
        byte[] csr = Csrs.build(keys, subject(authorityId), List.of(), null);
        byte[] wrapped = KeyWrapping.wrap(keys.getPrivate(), kek.bytes(), wrappingContext(authorityId));
        return new StoredRaCredential(authorityId, wrapped, csr, null, transactionId(authorityId));
    }

    private Uni<Void> request(Authority authority, StoredRaCredential credential) {
        IssuancePolicy policy = new IssuancePolicy(subject(authority.id()), List.of(),
                KeySpec.rsa(RA_KEY.size()), List.of(),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT), RA_VALIDITY_DAYS);
        CertificateRequestedEvent request = new CertificateRequestedEvent(authority.tenant(),
                credential.transactionId(), authority.id(), authority.id(), null, null, RequestPurpose.RA,
                Base64.getEncoder().encodeToString(credential.csrDer()), policy);
        return publisher.publish(request);
    }
}
