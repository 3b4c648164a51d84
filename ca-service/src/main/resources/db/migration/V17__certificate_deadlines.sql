-- Renewal and expiry announced by the CA (CertificateDeadlines): when a device certificate's renewal window opens
-- (the last renewalThresholdPercent of its validity, as the profile says) and whether CertificateRenewalDue and
-- CertificateExpired went out. A row is claimed with FOR UPDATE SKIP LOCKED and marked in the transaction that
-- writes the event to the outbox, so two replicas announce each deadline once.
ALTER TABLE issued_certificate ADD COLUMN renewal_due_at TIMESTAMPTZ;
ALTER TABLE issued_certificate ADD COLUMN renewal_announced_at TIMESTAMPTZ;
ALTER TABLE issued_certificate ADD COLUMN expiry_announced_at TIMESTAMPTZ;

-- Certificates issued before: the Intune default threshold (20%); what already expired is not announced any more.
UPDATE issued_certificate SET renewal_due_at = not_after - (not_after - not_before) * 0.2 WHERE purpose = 'DEVICE';
UPDATE issued_certificate SET renewal_announced_at = now(), expiry_announced_at = now()
    WHERE purpose = 'DEVICE' AND not_after < now();

CREATE INDEX issued_certificate_renewal_due_idx ON issued_certificate (renewal_due_at)
    WHERE renewal_announced_at IS NULL AND renewal_due_at IS NOT NULL AND status = 'ISSUED'
        AND superseded_by IS NULL;
CREATE INDEX issued_certificate_expiry_due_idx ON issued_certificate (not_after)
    WHERE expiry_announced_at IS NULL AND purpose = 'DEVICE' AND status = 'ISSUED';
