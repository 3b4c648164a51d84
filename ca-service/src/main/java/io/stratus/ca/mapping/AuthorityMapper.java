package io.stratus.ca.mapping;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.rest.dto.AuthorityResponse;
import jakarta.enterprise.context.ApplicationScoped;

/** Entity to API shape; the wrapped key and CRL state stay behind. */
@ApplicationScoped
public class AuthorityMapper {

    private final PkiUrls urls;

    public AuthorityMapper(PkiUrls urls) {
        this.urls = urls;
    }

    public AuthorityResponse toResponse(AuthorityEntity authority) {
        return new AuthorityResponse(authority.id, authority.tenant, authority.displayName, authority.kind.name(),
                authority.parentId, authority.status.name(), authority.external, authority.subjectDn,
                authority.serialHex, authority.keyAlgorithm, authority.notBefore, authority.notAfter, authority.ekuList(),
                authority.certificatePem, urls.crl(authority.tenant, authority.id),
                urls.caIssuers(authority.tenant, authority.id), null,
                authority.isIssuing() ? urls.scep(authority.tenant, authority.id) : null, authority.revokedAt,
                authority.revocationReason);
    }
}
