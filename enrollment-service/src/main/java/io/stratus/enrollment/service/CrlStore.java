package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;

/** Where the current CRL of each CA is cached. */
public interface CrlStore {

    /** The CA's cached CRL, or null. */
    Uni<CrlRecord> find(String authorityId);

    /** Stores the CRL unless one with the same or a higher CRL number is cached; true when stored. */
    Uni<Boolean> saveIfNewer(CrlRecord crl);
}
