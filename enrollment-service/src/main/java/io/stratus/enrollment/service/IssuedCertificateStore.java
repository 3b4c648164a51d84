package io.stratus.enrollment.service;

import java.time.Instant;

import io.smallrye.mutiny.Uni;

/** The certificates this service handed out. */
public interface IssuedCertificateStore {

    /** The certificate of that CA with that serial (upper-case hex), or null. */
    Uni<IssuedCertificate> find(String authorityId, String serialNumber);

    /** Marks it revoked (first revocation wins); returns how many rows changed (0 for unknown). */
    Uni<Integer> revoke(String authorityId, String serialNumber, Instant revokedAt, String reason);
}
