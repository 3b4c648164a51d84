package io.stratus.ca.service.signing;

import java.time.Instant;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.events.CertificateRequestedEvent;

/** What the signing options look at: the request, the key it asks to certify, the issuing CA and the signing time. */
public record SigningContext(CertificateRequestedEvent request, RequestedKey key, AuthorityEntity authority,
        Instant now) {
}
