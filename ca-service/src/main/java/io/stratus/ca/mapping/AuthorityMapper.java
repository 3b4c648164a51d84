package io.stratus.ca.mapping;

import java.util.Comparator;
import java.util.List;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.entity.CaCertificateState;
import io.stratus.ca.entity.ExternalRenewalEntity;
import io.stratus.ca.rest.dto.AuthorityResponse;
import io.stratus.ca.rest.dto.CaCertificateSummary;
import io.stratus.crypto.Pem;
import jakarta.enterprise.context.ApplicationScoped;

/** Entity to API shape; the key reference and CRL state stay behind. */
@ApplicationScoped
public class AuthorityMapper {

    private static final String ANNOUNCED = "ANNOUNCED";
    private static final String SIGNING_REQUIRED = "SIGNING_REQUIRED";

    private final PkiUrls urls;

    public AuthorityMapper(PkiUrls urls) {
        this.urls = urls;
    }

    public AuthorityResponse toResponse(AuthorityEntity authority) {
        List<CaCertificateEntity> rows = authority.generations == null ? List.of() : authority.generations;
        CaCertificateSummary next = rows.stream().filter(row -> row.state == CaCertificateState.NEXT)
                .findFirst().map(row -> summary(authority, row, true)).orElse(awaitingSignature(authority));
        List<CaCertificateSummary> previous = rows.stream().filter(row -> row.state == CaCertificateState.PREVIOUS)
                .sorted(Comparator.comparingInt((CaCertificateEntity row) -> row.generation).reversed())
                .map(row -> summary(authority, row, false)).toList();
        return new AuthorityResponse(authority.id, authority.tenant, authority.displayName, authority.kind.name(),
                authority.parentId, authority.status.name(), authority.external, authority.subjectDn,
                authority.serialHex, authority.keyAlgorithm, authority.notBefore, authority.notAfter, authority.ekuList(),
                authority.certificatePem, urls.crl(authority.tenant, authority.id, authority.keyGeneration),
                urls.caIssuers(authority.tenant, authority.id, authority.keyGeneration),
                urls.ocsp(authority.tenant, authority.id), authority.isIssuing() ? urls.scep(authority.tenant, authority.id) : null, authority.revokedAt,
                authority.revocationReason, authority.generation, next, previous);
    }

    /** The next generation of an external CA while it waits for its external signature (null when none). */
    private CaCertificateSummary awaitingSignature(AuthorityEntity authority) {
        ExternalRenewalEntity pending = authority.awaitingSignature;
        if (pending == null) {
            return null;
        }
        return new CaCertificateSummary(pending.generation, SIGNING_REQUIRED, null, pending.newKey, null, null,
                urls.crl(authority.tenant, authority.id, pending.keyGeneration),
                urls.caIssuers(authority.tenant, authority.id, pending.keyGeneration), null);
    }

    private CaCertificateSummary summary(AuthorityEntity authority, CaCertificateEntity row, boolean withPem) {
        return new CaCertificateSummary(row.generation, withPem ? ANNOUNCED : row.state.name(), row.serialHex,
                row.newKey, row.notBefore, row.notAfter,
                urls.crl(authority.tenant, authority.id, row.keyGeneration),
                urls.caIssuers(authority.tenant, authority.id, row.keyGeneration),
                withPem ? Pem.encode(Pem.certificate(row.certificateDer)) : null);
    }
}
