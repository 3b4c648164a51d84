-- When profile-service announced the assignment a device certificate's request relied on
-- (CertificateRequested.assignedAt, profile-service's clock like the end of an assignment): an end at or after it
-- revokes the certificate, even when the request was accepted after the end. Null where the request did not say;
-- then requested_at decides (V15).
ALTER TABLE issued_certificate ADD COLUMN assigned_at TIMESTAMPTZ;
