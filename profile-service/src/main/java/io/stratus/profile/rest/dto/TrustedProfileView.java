package io.stratus.profile.rest.dto;

import java.time.Instant;

/** A trusted-certificate profile. */
public record TrustedProfileView(String id, String tenant, String name, String platform, String store,
        String authorityId, String subjectDn, String certificatePem, Instant createdAt) {
}
