package io.stratus.enrollment.service;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyUsages;
import io.stratus.crypto.KeyWrapping;
import io.stratus.crypto.scep.ScepRa;
import io.stratus.enrollment.config.EnrollmentConfig;
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
    private final Duration reRelayAfter;

    public RaProvisioning(RaCredentialStore store, CertificateRequestPublisher publisher, KeyEncryptionKey kek,
            Workers workers, EnrollmentConfig config) {
        this.reRelayAfter = config.reRelayAfter();
        this.store = store;
        this.publisher = publisher;
        this.kek = kek;
        this.workers = workers;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A new transaction id for an RA certificate request under the CA key of {@code generation}:
     * {@code ra-<caId>-g<generation>-<128 random bits>}. The prefix says what it is for; the random part makes it
     * unguessable, so no device can send a request under it first and so take or block the RA's certificate.
     */
    static String newTransactionId(String authorityId, int generation) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return generationPrefix(authorityId, generation) + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** True when {@code transactionId} requests the RA certificate under the CA key of {@code generation}. */
    static boolean isForGeneration(String transactionId, String authorityId, int generation) {
        if (transactionId == null) {
            return false;
        }
        // ids from before they were random: ra-<caId> for generation 1, ra-<caId>-g<N> after
        String before = generation <= 1 ? "ra-" + authorityId : "ra-" + authorityId + "-g" + generation;
        return transactionId.startsWith(generationPrefix(authorityId, generation)) || transactionId.equals(before);
    }

    private static String generationPrefix(String authorityId, int generation) {
        return "ra-" + authorityId + "-g" + Math.max(1, generation) + "-";
    }

    /** The subject of a CA's RA certificate. */
    public static String subject(String authorityId) {
        return ScepRa.subject(authorityId);
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
            if (!existing.issued()) {
                return request(authority, existing.csrDer(), existing.transactionId());
            }
            StoredRaCredential.NextRaKey next = existing.next();
            // a replacement key still waiting for its certificate is asked for again
            return next == null ? Uni.createFrom().voidItem() : request(authority, next.csrDer(), next.transactionId());
        });
    }

    /**
     * The CA's key changed with renewal {@code generation}: a new RA key pair is made and certified under the
     * new CA key (a new transaction {@code ra-<caId>-g<generation>-<random>}, so the CA does not answer
     * with the old certificate); the current RA credential keeps serving until that certificate arrives.
     * Repeating it for the same generation requests the same key again.
     */
    public Uni<Void> rotate(Authority authority) {
        if (!authority.issuesCertificates()) {
            return Uni.createFrom().voidItem();
        }
        int generation = authority.generation();
        return store.find(authority.id()).chain(existing -> {
            if (existing == null) {
                return create(authority);
            }
            if (isForGeneration(existing.transactionId(), authority.id(), generation)) {
                return existing.issued() ? Uni.createFrom().voidItem()
                        : request(authority, existing.csrDer(), existing.transactionId());
            }
            if (existing.next() != null && isForGeneration(existing.next().transactionId(), authority.id(), generation)) {
                return request(authority, existing.next().csrDer(), existing.next().transactionId());
            }
            String transactionId = newTransactionId(authority.id(), generation);
            return workers.run(() -> newKey(authority.id(), transactionId))
                    .chain(next -> store.storeNextKey(authority.id(), next).chain(stored -> {
                        if (!stored) {
                            return Uni.createFrom().voidItem();
                        }
                        Log.infof("CA %s has a new key (generation %d): new RA key pair, requesting its certificate",
                                authority.id(), authority.generation());
                        return request(authority, next.csrDer(), transactionId);
                    }));
        });
    }

    /**
     * Requests the pending RA certificate of {@code stored} (the credential's, or its replacement key's) again
     * when its last request is older than {@code stratus.enrollment.re-relay-after}: the publish after the
     * credential was stored may have been lost. Never fails; a failed publish is retried after the same wait.
     */
    public Uni<Void> requestAgainIfDue(Authority authority, StoredRaCredential stored) {
        byte[] csrDer = !stored.issued() ? stored.csrDer() : stored.next() == null ? null : stored.next().csrDer();
        String transactionId = !stored.issued() ? stored.transactionId()
                : stored.next() == null ? null : stored.next().transactionId();
        if (csrDer == null || !authority.issuesCertificates()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return store.claimRelay(authority.id(), transactionId, now.minus(reRelayAfter), now).chain(claimed -> {
            if (!claimed) {
                return Uni.createFrom().voidItem();
            }
            Log.infof("RA certificate %s still not issued; CertificateRequested published again", transactionId);
            return Workers.onCallerContext(request(authority, csrDer, transactionId));
        }).onFailure().invoke(e -> Log.warnf("RA certificate %s could not be requested again: %s", transactionId,
                e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> create(Authority authority) {
        return workers.run(() -> newCredential(authority))
                .chain(credential -> store.createIfAbsent(credential).chain(stored -> {
                    if (!stored) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("RA key pair created for CA %s; requesting its certificate", authority.id());
                    return request(authority, credential.csrDer(), credential.transactionId());
                }));
    }

    private StoredRaCredential newCredential(Authority authority) {
        StoredRaCredential.NextRaKey key = newKey(authority.id(), newTransactionId(authority.id(), authority.generation()));
        return new StoredRaCredential(authority.id(), key.wrappedKey(), key.csrDer(), null, key.transactionId());
    }

    private StoredRaCredential.NextRaKey newKey(String authorityId, String transactionId) {
        KeyPair keys = RA_KEY.generate();
        byte[] csr = Csrs.build(keys, subject(authorityId), List.of(), null);
        byte[] wrapped = KeyWrapping.wrap(keys.getPrivate(), kek.bytes(), wrappingContext(authorityId));
        return new StoredRaCredential.NextRaKey(wrapped, csr, transactionId);
    }

    private Uni<Void> request(Authority authority, byte[] csrDer, String transactionId) {
        IssuancePolicy policy = new IssuancePolicy(subject(authority.id()), List.of(),
                KeySpec.rsa(RA_KEY.size()), List.of(ScepRa.EXTENDED_KEY_USAGE),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT), RA_VALIDITY_DAYS);
        byte[] publicKey = Csrs.parse(csrDer).publicKey().getEncoded();
        CertificateRequestedEvent request = new CertificateRequestedEvent(authority.tenant(),
                transactionId, authority.id(), authority.id(), null, null, RequestPurpose.RA,
                Base64.getEncoder().encodeToString(publicKey), policy, null);
        return publisher.publish(request);
    }
}
