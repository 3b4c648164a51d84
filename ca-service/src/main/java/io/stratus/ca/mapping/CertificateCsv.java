package io.stratus.ca.mapping;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.crypto.Thumbprints;

/**
 * Issued certificates as CSV (RFC 4180: comma-separated, CRLF, fields with a comma, quote or line break quoted),
 * one header line then one line per certificate. A field that a spreadsheet would run as a formula (it starts with
 * {@code = + - @}, a tab or a carriage return) is prefixed with an apostrophe.
 */
public final class CertificateCsv {

    public static final String MEDIA_TYPE = "text/csv";

    static final List<String> COLUMNS = List.of("serialNumber", "subject", "authorityId", "deviceId", "profileId",
            "purpose", "status", "notBefore", "notAfter", "revokedAt", "revocationReason", "supersededBy",
            "sha1", "sha256");

    private CertificateCsv() {
    }

    /** The header line alone when {@code certificates} is empty. */
    public static String of(List<IssuedCertificateEntity> certificates) {
        StringBuilder csv = new StringBuilder(line(COLUMNS.stream()));
        for (IssuedCertificateEntity c : certificates) {
            csv.append(line(Stream.of(c.serialHex, c.subjectDn, c.authorityId, c.deviceId, c.profileId,
                    String.valueOf(c.purpose), c.status.name(), text(c.notBefore), text(c.notAfter),
                    text(c.revokedAt), c.revocationReason, c.supersededBy, hex(c.sha1), hex(c.sha256))));
        }
        return csv.toString();
    }

    private static String line(Stream<String> fields) {
        return fields.map(CertificateCsv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String hex(byte[] thumbprint) {
        return thumbprint == null ? null : Thumbprints.hex(thumbprint);
    }
}
