package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;

/** Where the CAs learned from events are kept. */
public interface AuthorityStore {

    /** The CA, or null. */
    Uni<Authority> find(String authorityId);

    /** Inserts or replaces the CA. */
    Uni<Void> save(Authority authority);
}
