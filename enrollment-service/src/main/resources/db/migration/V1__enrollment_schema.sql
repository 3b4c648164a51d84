-- enrollment-service: its own copy of the CAs, its RA credentials, the challenge records from
-- profile-service, and one row per SCEP transaction.

create table authority (
    id              varchar(64)  primary key,
    tenant          varchar(64)  not null,
    kind            varchar(16)  not null,
    status          varchar(32)  not null,
    certificate_pem text         not null,
    chain_pem       text,
    updated_at      timestamptz  not null
);
create index authority_tenant_idx on authority (tenant);

-- One RA key pair per issuing CA; the private key is wrapped (AES-256-GCM) under stratus.enrollment.kek.
create table ra_credential (
    authority_id    varchar(64)  primary key references authority (id),
    wrapped_key     bytea        not null,
    csr_der         bytea        not null,
    certificate_pem text,
    transaction_id  varchar(128) not null unique,
    created_at      timestamptz  not null,
    issued_at       timestamptz
);

-- One-time SCEP challenges: only their SHA-256 is kept, with what the CSR must match.
create table challenge (
    id             varchar(64)  primary key,
    tenant         varchar(64)  not null,
    device_id      varchar(128) not null,
    assignment_id  varchar(64)  not null,
    profile_id     varchar(64)  not null,
    authority_id   varchar(64)  not null,
    challenge_hash varchar(64)  not null unique,
    policy         jsonb        not null,
    expires_at     timestamptz  not null,
    used_at        timestamptz,
    voided_at      timestamptz,
    created_at     timestamptz  not null
);
create index challenge_device_assignment_idx on challenge (device_id, assignment_id);

-- One row per SCEP transaction (the transactionID of the PKCSReq).
create table enrollment (
    transaction_id  varchar(128) primary key,
    tenant          varchar(64)  not null,
    authority_id    varchar(64)  not null,
    device_id       varchar(128) not null,
    challenge_id    varchar(64)  not null references challenge (id),
    status          varchar(16)  not null check (status in ('PENDING', 'ISSUED', 'REJECTED')),
    certificate_der bytea,
    reject_reason   varchar(256),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index enrollment_device_idx on enrollment (device_id);
