-- Renewal, GetCert/GetCRL and static challenges.
-- An enrollment row now keeps the policy it was issued under (a RenewalReq reuses it) and says how it
-- was authorised: a one-time challenge (ENROLL), the current certificate (RENEWAL) or the CA's static
-- challenge (STATIC; no challenge row).
alter table enrollment alter column challenge_id drop not null;
alter table enrollment add column kind varchar(16) not null default 'ENROLL'
    check (kind in ('ENROLL', 'RENEWAL', 'STATIC'));
alter table enrollment add column assignment_id varchar(64);
alter table enrollment add column profile_id varchar(64);
alter table enrollment add column policy jsonb;
alter table enrollment add column renewed_serial varchar(64);

-- The certificates this service handed out (CertificateIssued of its own transactions), and their
-- revocation (CertificateRevoked): who may renew, what GetCert returns.
create table issued_certificate (
    authority_id      varchar(64)  not null,
    serial_number     varchar(64)  not null,
    tenant            varchar(64)  not null,
    device_id         varchar(128) not null,
    transaction_id    varchar(128) not null,
    subject_dn        text         not null,
    certificate_der   bytea        not null,
    not_after         timestamptz  not null,
    revoked_at        timestamptz,
    revocation_reason varchar(64),
    created_at        timestamptz  not null,
    primary key (authority_id, serial_number)
);
create index issued_certificate_transaction_idx on issued_certificate (transaction_id);

-- The current CRL of each CA, fetched from the URL of its last CrlPublished event.
create table crl (
    authority_id varchar(64)  primary key,
    crl_number   bigint       not null,
    crl_url      text         not null,
    crl_der      bytea        not null,
    this_update  timestamptz  not null,
    next_update  timestamptz,
    fetched_at   timestamptz  not null
);

-- Static challenges set through the admin API: a random salt and SHA-256(salt || challenge), never the
-- challenge itself.
create table static_challenge (
    authority_id varchar(64)  primary key,
    tenant       varchar(64)  not null,
    salt         bytea        not null,
    hash         bytea        not null,
    updated_at   timestamptz  not null
);
