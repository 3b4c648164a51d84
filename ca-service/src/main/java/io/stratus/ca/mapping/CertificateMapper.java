package io.stratus.ca.mapping;

import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.rest.dto.CertificateResponse;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Thumbprints;

/** Issued certificate entity to API shape. */
public final class CertificateMapper {

    private CertificateMapper() {
    }

    public static CertificateResponse toResponse(IssuedCertificateEntity c, boolean withPem) {
        return new CertificateResponse(c.id, c.tenant, c.authorityId, c.serialHex, c.subjectDn,
                String.valueOf(c.purpose), c.deviceId, c.assignmentId, c.profileId, c.status.name(), c.notBefore,
                c.notAfter, c.revokedAt, c.revocationReason, c.createdAt, c.supersededBy, c.supersededAt,
                c.sha1 == null ? null : Thumbprints.hex(c.sha1), c.sha256 == null ? null : Thumbprints.hex(c.sha256),
                withPem ? Pem.encode(Pem.certificate(c.certificateDer)) : null);
    }
}
