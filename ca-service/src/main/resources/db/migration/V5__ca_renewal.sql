-- Renewing a CA in place: every certificate a CA ever had is kept as a numbered generation. The authority row keeps
-- describing the CURRENT generation (certificate, serial, validity, key reference), so issuance reads one row.
-- A key generation is the number of the first certificate generation that carried the key; each key generation has
-- its own CRL, signed by that key. Key generation 1 keeps its CRL on the authority row (and its URL); later key
-- generations keep theirs in authority_crl.
ALTER TABLE authority ADD COLUMN generation INT NOT NULL DEFAULT 1;
ALTER TABLE authority ADD COLUMN key_generation INT NOT NULL DEFAULT 1;
ALTER TABLE issued_certificate ADD COLUMN key_generation INT NOT NULL DEFAULT 1;

CREATE TABLE ca_certificate (
    authority_id          VARCHAR(36)  NOT NULL REFERENCES authority (id),
    generation            INT          NOT NULL CHECK (generation >= 1),
    state                 VARCHAR(16)  NOT NULL CHECK (state IN ('NEXT', 'CURRENT', 'PREVIOUS', 'CANCELLED')),
    serial_hex            VARCHAR(64)  NOT NULL,
    certificate_der       BYTEA        NOT NULL,
    key_generation        INT          NOT NULL,
    key_reference         BYTEA        NOT NULL,
    key_protection        VARCHAR(16)  NOT NULL,
    issuer_key_generation INT,
    new_key               BOOLEAN      NOT NULL,
    not_before            TIMESTAMPTZ  NOT NULL,
    not_after             TIMESTAMPTZ  NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (authority_id, generation),
    CONSTRAINT ca_certificate_serial_uq UNIQUE (authority_id, serial_hex)
);
-- at most one announced (NEXT) and one CURRENT certificate per CA
CREATE UNIQUE INDEX ca_certificate_one_next_idx ON ca_certificate (authority_id) WHERE state = 'NEXT';
CREATE UNIQUE INDEX ca_certificate_one_current_idx ON ca_certificate (authority_id) WHERE state = 'CURRENT';

-- the first generation of every CA that already has its certificate
INSERT INTO ca_certificate (authority_id, generation, state, serial_hex, certificate_der, key_generation,
        key_reference, key_protection, issuer_key_generation, new_key, not_before, not_after, created_at)
    SELECT id, 1, 'CURRENT', serial_hex,
           decode(regexp_replace(certificate_pem, '-----[A-Z ]+-----|\s', '', 'g'), 'base64'), 1,
           key_reference, key_protection, CASE WHEN parent_id IS NULL THEN NULL ELSE 1 END, true,
           not_before, not_after, created_at
      FROM authority WHERE certificate_pem IS NOT NULL;

CREATE TABLE authority_crl (
    authority_id    VARCHAR(36) NOT NULL REFERENCES authority (id),
    key_generation  INT         NOT NULL CHECK (key_generation > 1),
    crl_number      BIGINT      NOT NULL DEFAULT 0,
    crl_der         BYTEA,
    crl_next_update TIMESTAMPTZ,
    crl_stale       BOOLEAN     NOT NULL DEFAULT false,
    PRIMARY KEY (authority_id, key_generation)
);
