-- Restart safety: a PENDING transaction keeps what is needed to relay it to the CA again (its CSR, beside
-- the policy kept since V2) and when it was last relayed, so a CertPoll or a repeated request can publish
-- CertificateRequested again when the first publish was lost (crash or broker failure after the commit).
-- Rows from before V4 have no CSR and are never relayed again.
alter table enrollment add column csr_der bytea;
alter table enrollment add column relayed_at timestamptz;

-- The same for an RA certificate request (of the credential, or of its replacement key during a rollover).
alter table ra_credential add column relayed_at timestamptz;
