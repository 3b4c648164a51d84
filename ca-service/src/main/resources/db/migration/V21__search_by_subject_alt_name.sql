-- Certificate search by subject alternative name (docs/ca.md, "Finding certificates"): one row per DNS name, email
-- address, UPN, URI and IP address of a certificate, lowercased (SanSearch), written with the certificate. A table of
-- its own rather than an array column: PostgreSQL keeps statistics of a scalar column, so it knows that a SAN is rare
-- and looks it up by the index instead of walking a tenant's certificates in inventory order (at a million
-- certificates a search page took 6-11 ms this way against 0.65 s with an array: docs/performance.md).
CREATE TABLE certificate_san (
    certificate_id VARCHAR(36) NOT NULL REFERENCES issued_certificate (id) ON DELETE CASCADE,
    value VARCHAR(1024) NOT NULL,
    PRIMARY KEY (certificate_id, value)
);
CREATE INDEX certificate_san_value_idx ON certificate_san (value);
-- Certificates issued before get their rows from SearchColumnsBackfill after the next start; this marks those done
-- (a certificate without SANs has no rows, so their absence cannot).
ALTER TABLE issued_certificate ADD COLUMN sans_stored BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX issued_certificate_sans_missing_idx ON issued_certificate (id) WHERE NOT sans_stored;
