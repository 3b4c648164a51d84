-- A device certificate replaced by its renewal is marked superseded: the serial of the certificate that replaced it
-- and when. It stays valid until it expires unless its profile revokes renewed certificates (reason superseded).
ALTER TABLE issued_certificate ADD COLUMN superseded_by VARCHAR(64);
ALTER TABLE issued_certificate ADD COLUMN superseded_at TIMESTAMPTZ;
