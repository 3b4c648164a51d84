-- Certification authorities of every tenant. The private key is stored only wrapped (AES-256-GCM under the KEK,
-- with the authority id as additional authenticated data).
CREATE TABLE authority (
    id              VARCHAR(36)  PRIMARY KEY,
    tenant          VARCHAR(64)  NOT NULL,
    display_name    VARCHAR(200) NOT NULL,
    kind            VARCHAR(16)  NOT NULL CHECK (kind IN ('ROOT', 'ISSUING')),
    parent_id       VARCHAR(36)  REFERENCES authority (id),
    status          VARCHAR(32)  NOT NULL,
    subject_dn      VARCHAR(1024) NOT NULL,
    serial_hex      VARCHAR(64)  NOT NULL,
    key_algorithm   VARCHAR(16)  NOT NULL,
    not_before      TIMESTAMPTZ  NOT NULL,
    not_after       TIMESTAMPTZ  NOT NULL,
    ekus            TEXT         NOT NULL DEFAULT '',
    certificate_pem TEXT         NOT NULL,
    wrapped_key     BYTEA        NOT NULL,
    crl_number      BIGINT       NOT NULL DEFAULT 0,
    crl_der         BYTEA,
    crl_next_update TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL,
    CHECK ((kind = 'ROOT' AND parent_id IS NULL) OR (kind = 'ISSUING' AND parent_id IS NOT NULL))
);
CREATE INDEX authority_tenant_idx ON authority (tenant, created_at);

-- Every certificate a CA signed for a device or an RA; at most one per transaction id.
CREATE TABLE issued_certificate (
    id                VARCHAR(36)  PRIMARY KEY,
    tenant            VARCHAR(64)  NOT NULL,
    authority_id      VARCHAR(36)  NOT NULL REFERENCES authority (id),
    serial_hex        VARCHAR(64)  NOT NULL,
    transaction_id    VARCHAR(200) NOT NULL,
    device_id         VARCHAR(200),
    assignment_id     VARCHAR(200),
    profile_id        VARCHAR(200),
    purpose           VARCHAR(16)  NOT NULL,
    subject_dn        VARCHAR(1024) NOT NULL,
    not_before        TIMESTAMPTZ  NOT NULL,
    not_after         TIMESTAMPTZ  NOT NULL,
    certificate_der   BYTEA        NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revocation_reason VARCHAR(32),
    created_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT issued_certificate_transaction_uq UNIQUE (transaction_id),
    CONSTRAINT issued_certificate_serial_uq UNIQUE (authority_id, serial_hex)
);
CREATE INDEX issued_certificate_subject_idx ON issued_certificate (subject_dn);
CREATE INDEX issued_certificate_device_idx ON issued_certificate (device_id);
CREATE INDEX issued_certificate_not_after_idx ON issued_certificate (not_after);
CREATE INDEX issued_certificate_status_idx ON issued_certificate (status);

-- Transactional outbox: events written with the change that caused them, published by the relay.
CREATE TABLE outbox_event (
    id         BIGSERIAL    PRIMARY KEY,
    topic      VARCHAR(200) NOT NULL,
    event_key  VARCHAR(200) NOT NULL,
    payload    TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    sent_at    TIMESTAMPTZ
);
CREATE INDEX outbox_event_unsent_idx ON outbox_event (id) WHERE sent_at IS NULL;
