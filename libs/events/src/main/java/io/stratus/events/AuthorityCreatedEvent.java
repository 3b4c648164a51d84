package io.stratus.events;

import java.time.Instant;

/**
 * A CA was created. Carries its certificate and chain (never its key) so that other services keep
 * their own copy.
 *
 * @param chainPem the CA certificate followed by its issuers up to the root, PEM
 */
public record AuthorityCreatedEvent(String tenant, String authorityId, AuthorityKind kind, String parentId,
        String displayName, String subjectDn, AuthorityStatus status, String certificatePem, String chainPem,
        Instant notAfter) implements StratusEvent {
    @Override
    public String key() {
        return authorityId;
    }
}
