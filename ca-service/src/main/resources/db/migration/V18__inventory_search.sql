-- Certificate search (docs/ca.md, "Finding certificates"): the SHA-1 and SHA-256 thumbprints of the DER, as Windows
-- and browsers show them, stored at issuance; certificates issued before get them from ThumbprintBackfill, which
-- works through the rows still without one (the partial index) after each start.
ALTER TABLE issued_certificate ADD COLUMN sha1 BYTEA;
ALTER TABLE issued_certificate ADD COLUMN sha256 BYTEA;
CREATE INDEX issued_certificate_sha1_idx ON issued_certificate (tenant, sha1);
CREATE INDEX issued_certificate_sha256_idx ON issued_certificate (tenant, sha256);
CREATE INDEX issued_certificate_thumbprint_missing_idx ON issued_certificate (id) WHERE sha256 IS NULL;
-- a profile's certificates in inventory order, and subject prefixes (CN=laptop-1...) whatever the collation
CREATE INDEX issued_certificate_profile_idx ON issued_certificate (tenant, profile_id, created_at, id);
CREATE INDEX issued_certificate_subject_prefix_idx ON issued_certificate (tenant, subject_dn text_pattern_ops);
