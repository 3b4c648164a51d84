package io.stratus.ca.service;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.crypto.Serials;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds a certificate of a tenant by serial (hex as OpenSSL prints it; colons and lower case accepted). Serials are
 * unique per CA only, so a serial two CAs used needs {@code authorityId}.
 */
@ApplicationScoped
public class CertificateLookup {

    private final IssuedCertificateRepository certificates;

    public CertificateLookup(IssuedCertificateRepository certificates) {
        this.certificates = certificates;
    }

    /** Must run inside a session. 400 for a malformed serial, 404 when absent, 409 when ambiguous. */
    public Uni<IssuedCertificateEntity> find(String tenant, String serial, String authorityId) {
        String hex = normalize(serial);
        String ca = authorityId == null || authorityId.isBlank() ? null : authorityId.trim();
        return certificates.findBySerial(tenant, hex, ca).map(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("no certificate with serial " + hex + " in tenant " + tenant
                        + (ca == null ? "" : " issued by CA " + ca));
            }
            if (found.size() > 1) {
                throw ProblemException.conflict("serial " + hex + " was issued by several CAs of tenant " + tenant
                        + " " + found.stream().map(c -> c.authorityId).toList() + "; add ?authorityId=");
            }
            return found.get(0);
        });
    }

    static String normalize(String serial) {
        if (serial == null || serial.isBlank() || serial.length() > 128) {
            throw ProblemException.badRequest("serial must be the certificate's serial number in hex");
        }
        try {
            return Serials.hex(Serials.parseHex(serial));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("serial must be the certificate's serial number in hex, as OpenSSL"
                    + " prints it (e.g. 3A5F0C...)");
        }
    }
}
