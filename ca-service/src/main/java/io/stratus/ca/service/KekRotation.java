package io.stratus.ca.service;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.config.CaKeyProtections;
import io.stratus.ca.config.KeyEncryptionKey;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.ca.repository.ExternalRenewalRepository;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyWrappingException;
import io.stratus.crypto.SoftwareKeyProtection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * KEK rotation: re-wraps every software CA key still wrapped under the previous KEK to the current one, without
 * re-keying any CA. Runs at start when {@code stratus.ca.previous-kek} is set; each CA is re-wrapped in its own
 * transaction (row locked), and a key that already opens under the current KEK is left alone, so the rotation
 * can be repeated or interrupted safely. Only counts and CA ids are logged.
 */
@ApplicationScoped
public class KekRotation {

    private final CaKeyProtections protections;
    private final AuthorityRepository authorities;
    private final CaCertificateRepository generations;
    private final ExternalRenewalRepository externalRenewals;

    public KekRotation(CaKeyProtections protections, AuthorityRepository authorities,
            CaCertificateRepository generations, ExternalRenewalRepository externalRenewals) {
        this.externalRenewals = externalRenewals;
        this.protections = protections;
        this.authorities = authorities;
        this.generations = generations;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        if (protections.previousKek().isEmpty()) {
            return;
        }
        Result result = VertxContextSupport.subscribeAndAwait(() -> rewrapFrom(protections.previousKek().get()));
        Log.infof("KEK rotation: %d CA keys re-wrapped to the current KEK, %d already under it, %d open with"
                + " neither KEK", result.rewrapped(), result.alreadyCurrent(), result.unreadable());
    }

    /**
     * Re-wraps the software keys wrapped under {@code previous} to the current KEK: every CA's current software key and
     * every superseded software key of an earlier generation (it still signs its old CRL), also of CAs whose current
     * key now lives in a token. Each key counts once in the result.
     */
    public Uni<Result> rewrapFrom(KeyEncryptionKey previous) {
        SoftwareKeyProtection current = protections.software().orElseThrow(() -> new IllegalStateException(
                "KEK rotation needs the current stratus.ca.kek"));
        return Panache.withSession(() -> authorities.idsWithAnyKeyProtection(SoftwareKeyProtection.KIND))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> Panache.withTransaction(
                        () -> authorities.lockById(id).chain(ca -> rewrapCa(ca, current, previous))))
                .collect().asList()
                .map(perCa -> Result.of(perCa.stream().flatMap(List::stream).toList()));
    }

    private Uni<List<Outcome>> rewrapCa(AuthorityEntity ca, SoftwareKeyProtection current, KeyEncryptionKey previous) {
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(ca.keyAlgorithm);
        List<Outcome> outcomes = new java.util.ArrayList<>();
        if (SoftwareKeyProtection.KIND.equals(ca.keyProtection)) {
            Rewrapped key = underCurrentKek(ca.id, algorithm, ca.keyReference, current, previous, "the current key");
            ca.keyReference = key.reference();
            outcomes.add(key.outcome());
        }
        return generations.generationsOf(ca.id).invoke(rows -> rows.stream()
                .filter(row -> SoftwareKeyProtection.KIND.equals(row.keyProtection))
                .forEach(row -> {
                    Rewrapped key = underCurrentKek(ca.id, algorithm, row.keyReference, current, previous,
                            "generation " + row.generation);
                    row.keyReference = key.reference();
                    if (row.keyGeneration != ca.keyGeneration && row.generation == row.keyGeneration) {
                        outcomes.add(key.outcome()); // a superseded key, counted at the generation that introduced it
                    }
                }))
                .chain(() -> externalRenewals.of(ca.id)).invoke(waiting -> {
                    if (waiting != null && waiting.newKey
                            && SoftwareKeyProtection.KIND.equals(waiting.keyProtection)) {
                        Rewrapped key = underCurrentKek(ca.id, algorithm, waiting.keyReference, current, previous,
                                "the renewal waiting for its signature");
                        waiting.keyReference = key.reference();
                        outcomes.add(key.outcome());
                    }
                }).replaceWith(outcomes);
    }

    /** A key reference after the rotation, and what happened to it. */
    private record Rewrapped(byte[] reference, Outcome outcome) {
    }

    /** The reference re-wrapped under the current KEK (unchanged when already under it or under neither KEK). */
    private static Rewrapped underCurrentKek(String caId, KeyAlgorithm algorithm, byte[] reference,
            SoftwareKeyProtection current, KeyEncryptionKey previous, String which) {
        try {
            current.open(caId, algorithm, reference);
            return new Rewrapped(reference, Outcome.ALREADY_CURRENT);
        } catch (KeyWrappingException | IllegalArgumentException notUnderCurrent) {
            // try the previous KEK
        }
        try {
            byte[] rewrapped = current.rewrapFrom(caId, reference, previous.bytes());
            current.open(caId, algorithm, rewrapped); // the new blob must open before it replaces the old one
            return new Rewrapped(rewrapped, Outcome.REWRAPPED);
        } catch (KeyWrappingException | IllegalArgumentException e) {
            Log.warnf("KEK rotation: %s of CA %s opens with neither the current nor the previous KEK", which, caId);
            return new Rewrapped(reference, Outcome.UNREADABLE);
        }
    }

    enum Outcome {
        REWRAPPED, ALREADY_CURRENT, UNREADABLE
    }

    /** How many software CA keys were re-wrapped, were already under the current KEK, or opened with neither. */
    public record Result(int rewrapped, int alreadyCurrent, int unreadable) {
        static Result of(List<Outcome> outcomes) {
            return new Result(count(outcomes, Outcome.REWRAPPED), count(outcomes, Outcome.ALREADY_CURRENT),
                    count(outcomes, Outcome.UNREADABLE));
        }

        private static int count(List<Outcome> outcomes, Outcome outcome) {
            return (int) outcomes.stream().filter(outcome::equals).count();
        }
    }
}
