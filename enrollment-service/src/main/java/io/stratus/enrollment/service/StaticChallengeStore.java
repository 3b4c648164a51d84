package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;

/** Where the static challenges set through the admin API are kept. */
public interface StaticChallengeStore {

    /** The CA's static challenge, or null. */
    Uni<StoredStaticChallenge> find(String authorityId);

    /** Sets (or replaces) the CA's static challenge, and audits it as done by {@code actor} in the same transaction. */
    Uni<Void> save(StoredStaticChallenge challenge, String actor);

    /** Removes it, audited as done by {@code actor} in the same transaction; true when there was one. */
    Uni<Boolean> delete(String tenant, String authorityId, String actor);
}
