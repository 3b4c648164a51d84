-- Renewing an external (BYO) CA in place: the next generation first waits for the external root's signature. Its
-- key (a new one, or a copy of the reference of the current one) and its PKCS#10 request are kept here until the
-- signed certificate is uploaded (it then becomes the NEXT row of ca_certificate) or the renewal is cancelled.
CREATE TABLE external_renewal (
    authority_id   VARCHAR(36) PRIMARY KEY REFERENCES authority (id),
    generation     INT         NOT NULL CHECK (generation > 1),
    key_generation INT         NOT NULL,
    key_reference  BYTEA       NOT NULL,
    key_protection VARCHAR(16) NOT NULL,
    new_key        BOOLEAN     NOT NULL,
    activate       BOOLEAN     NOT NULL,
    csr_pem        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

-- the issuers (up to the external root) that came with each uploaded certificate generation; null for Stratus-signed
-- CAs and for the first generation of an external CA until a renewal (authority.external_chain_pem holds it)
ALTER TABLE ca_certificate ADD COLUMN external_chain_pem TEXT;
