package io.stratus.ca.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.CertificateStatus;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.ca.repository.IssuedCertificateRepository.CertificateQuery;
import io.stratus.crypto.Thumbprints;
import io.stratus.platform.rest.KeysetCursor;
import io.stratus.platform.rest.ProblemException;
import io.stratus.platform.rest.QueryInstants;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A tenant's issued certificates, filtered and paged by keyset on (created_at, id): the cursor is the position of
 * the last row of the previous page, so a page costs the same at row ten and at row ten million.
 */
@ApplicationScoped
public class CertificateInventory {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final IssuedCertificateRepository certificates;
    private final CertificateLookup lookup;

    public CertificateInventory(IssuedCertificateRepository certificates, CertificateLookup lookup) {
        this.certificates = certificates;
        this.lookup = lookup;
    }

    /** A page of certificates and the cursor of the next page (null on the last page). */
    public record Page(List<IssuedCertificateEntity> items, String next) {
    }

    /**
     * What an inventory search asks for, as the caller typed it (null or blank: no filter): the CA, the device, the
     * profile, ISSUED or REVOKED, the serial (hex as OpenSSL prints it), the start of the subject, a subject
     * alternative name (a whole DNS name, email address, UPN, URI or IP address, any case), the SHA-1 or SHA-256
     * thumbprint (hex, colons or spaces allowed), an expiry window and an issuance window (ISO-8601 instants, after
     * inclusive).
     */
    public record Search(String authorityId, String deviceId, String profileId, String status, String serial,
            String subject, String san, String sha1, String sha256, String expiresAfter, String expiresBefore,
            String issuedAfter, String issuedBefore) {

        public static Search none() {
            return new Search(null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** A page of the certificates that match; 400 for a filter, cursor or limit that is not valid. */
    public Uni<Page> list(String tenant, Search search, String after, Integer limit) {
        int size = limit(limit);
        Instant afterAt = null;
        String afterId = null;
        if (after != null && !after.isBlank()) {
            String[] position = decode(after);
            afterAt = Instant.parse(position[0]);
            afterId = position[1];
        }
        CertificateQuery query = new CertificateQuery(tenant, blankToNull(search.authorityId()),
                blankToNull(search.deviceId()), status(search.status()), blankToNull(search.profileId()),
                search.serial() == null || search.serial().isBlank() ? null : CertificateLookup.normalize(search.serial()),
                blankToNull(search.subject()), search.san() == null || search.san().isBlank() ? null
                        : SanSearch.key(search.san()), thumbprint(search.sha1(), 20, "sha1"),
                thumbprint(search.sha256(), 32, "sha256"), instant(search.expiresAfter(), "expiresAfter"),
                instant(search.expiresBefore(), "expiresBefore"), instant(search.issuedAfter(), "issuedAfter"),
                instant(search.issuedBefore(), "issuedBefore"), afterAt, afterId);
        return Panache.withSession(() -> certificates.page(query, size + 1)).map(rows -> {
            if (rows.size() <= size) {
                return new Page(rows, null);
            }
            List<IssuedCertificateEntity> items = rows.subList(0, size);
            return new Page(items, encode(items.get(size - 1)));
        });
    }

    public Uni<IssuedCertificateEntity> get(String tenant, String serial, String authorityId) {
        return Panache.withSession(() -> lookup.find(tenant, serial, authorityId));
    }

    static String encode(IssuedCertificateEntity last) {
        return new KeysetCursor(last.createdAt.toString(), last.id).encode();
    }

    static String[] decode(String cursor) {
        KeysetCursor position = KeysetCursor.decode(cursor);
        Instant at;
        try {
            at = QueryInstants.parse(position.position(), "after");
        } catch (RuntimeException e) {
            throw KeysetCursor.notACursor();
        }
        if (at == null) {
            throw KeysetCursor.notACursor();
        }
        return new String[] {position.position(), position.id()};
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static CertificateStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CertificateStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status must be ISSUED or REVOKED");
        }
    }

    private static byte[] thumbprint(String value, int length, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Thumbprints.parse(value, length);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be the certificate's " + name.toUpperCase(Locale.ROOT)
                    + " thumbprint: " + length + " bytes in hex");
        }
    }

    private static Instant instant(String value, String name) {
        return QueryInstants.parse(value, name);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
