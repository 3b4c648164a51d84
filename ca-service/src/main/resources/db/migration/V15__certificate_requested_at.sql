-- When enrollment-service accepted the request a certificate answers (CertificateRequested.requestedAt): a device's
-- assignment that ended revokes only the certificates requested at or before its end, so an unassignment handled late
-- leaves alone what the device obtained after it was assigned again. Null for certificates from before V15 and for
-- requests that did not say (they count as requested before any end).
ALTER TABLE issued_certificate ADD COLUMN requested_at TIMESTAMPTZ;
