-- Renewal and expiry announced by the CA (CertificateDeadlines): when a device certificate's renewal window opens
-- (the last renewalThresholdPercent of its validity, as the profile says) and whether CertificateRenewalDue and
-- CertificateExpired went out. A row is claimed with FOR UPDATE SKIP LOCKED and marked in the transaction that
-- writes the event to the outbox, so two replicas announce each deadline once.
ALTER TABLE issued_certificate ADD COLUMN renewal_due_at TIMESTAMPTZ;
ALTER TABLE issued_certificate ADD COLUMN renewal_announced_at TIMESTAMPTZ;
ALTER TABLE issued_certificate ADD COLUMN expiry_announced_at TIMESTAMPTZ;

-- Certificates issued before: their request did not carry the profile's threshold, so the CA does not guess one
-- (a guess above the profile's would announce a renewal enrollment-service refuses): renewal_due_at stays null and
-- their devices renew on their own checks, as before. Their expiry is announced; what already expired is not.
UPDATE issued_certificate SET expiry_announced_at = now() WHERE purpose = 'DEVICE' AND not_after < now();

CREATE INDEX issued_certificate_renewal_due_idx ON issued_certificate (renewal_due_at)
    WHERE renewal_announced_at IS NULL AND renewal_due_at IS NOT NULL AND status = 'ISSUED'
        AND superseded_by IS NULL;
CREATE INDEX issued_certificate_expiry_due_idx ON issued_certificate (not_after)
    WHERE expiry_announced_at IS NULL AND purpose = 'DEVICE' AND status = 'ISSUED';
