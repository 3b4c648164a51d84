-- Bring your own CA: an issuing CA signed by an external root waits in SIGNING_REQUIRED with a PKCS#10 request and
-- no certificate yet; its issuers' certificates (the uploaded chain) are kept instead of a parent id.
ALTER TABLE authority ALTER COLUMN certificate_pem DROP NOT NULL;
ALTER TABLE authority ALTER COLUMN serial_hex DROP NOT NULL;
ALTER TABLE authority ALTER COLUMN not_before DROP NOT NULL;
ALTER TABLE authority ALTER COLUMN not_after DROP NOT NULL;
ALTER TABLE authority ADD COLUMN external BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE authority ADD COLUMN csr_pem TEXT;
ALTER TABLE authority ADD COLUMN external_chain_pem TEXT;
ALTER TABLE authority DROP CONSTRAINT authority_check;
ALTER TABLE authority ADD CONSTRAINT authority_parent_check CHECK (
    (kind = 'ROOT' AND parent_id IS NULL AND NOT external)
    OR (kind = 'ISSUING' AND external AND parent_id IS NULL)
    OR (kind = 'ISSUING' AND NOT external AND parent_id IS NOT NULL));
ALTER TABLE authority ADD CONSTRAINT authority_certificate_check CHECK (
    status = 'SIGNING_REQUIRED' OR (certificate_pem IS NOT NULL AND serial_hex IS NOT NULL
        AND not_before IS NOT NULL AND not_after IS NOT NULL));
