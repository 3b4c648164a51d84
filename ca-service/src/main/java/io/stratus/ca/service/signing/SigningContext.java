package io.stratus.ca.service.signing;

import java.time.Instant;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.events.CertificateRequestedEvent;

/** What the signing options look at: the request, its verified CSR, the issuing CA and the signing time. */
public record SigningContext(CertificateRequestedEvent request, ParsedCsr csr, AuthorityEntity authority,
        Instant now) {
}
