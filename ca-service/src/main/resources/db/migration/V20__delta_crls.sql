-- Delta CRLs (RFC 5280 5.2.4), one per CA key generation: the complete CRL they update (its number and thisUpdate,
-- moved when a complete CRL is published on schedule, not when a revocation makes one) and the last delta signed.
-- Delta CRLs take their numbers from the same sequence as the complete CRLs of the key (crl_number).
CREATE TABLE authority_delta_crl (
    authority_id      VARCHAR(36) NOT NULL REFERENCES authority (id),
    key_generation    INT         NOT NULL,
    base_crl_number   BIGINT      NOT NULL,
    base_this_update  TIMESTAMPTZ NOT NULL,
    crl_der           BYTEA,
    crl_next_update   TIMESTAMPTZ,
    crl_stale         BOOLEAN     NOT NULL DEFAULT TRUE,
    PRIMARY KEY (authority_id, key_generation)
);

-- The revoked certificates of a CA key by revocation time: what a delta CRL reads (revoked since its base) and what
-- a complete CRL reads, without walking the CA's issued ones. Revoked rows only.
CREATE INDEX issued_certificate_revoked_idx ON issued_certificate (authority_id, key_generation, revoked_at)
    WHERE status = 'REVOKED';
