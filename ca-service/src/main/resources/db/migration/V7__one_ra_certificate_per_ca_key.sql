-- Defence in depth for the RA purpose: a CA key certifies one SCEP RA key. A second RA certificate under the same CA
-- key (another key pair, whoever published the request) is refused until the first one is revoked; a repeated
-- request for the same transaction is answered with the stored certificate as before.
CREATE UNIQUE INDEX issued_certificate_one_ra_per_ca_key_uq ON issued_certificate (authority_id, key_generation)
    WHERE purpose = 'RA' AND status <> 'REVOKED';
