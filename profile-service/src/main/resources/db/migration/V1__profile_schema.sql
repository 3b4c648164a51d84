-- profile-service: devices, groups, profiles, assignments, deployment status and the transactional outbox.

create table device (
    tenant              text        not null,
    id                  text        not null,
    name                text        not null,
    platform            text        not null check (platform in ('WINDOWS', 'MACOS', 'IOS', 'ANDROID')),
    serial_number       text,
    identity_public_key text        not null, -- base64 DER SubjectPublicKeyInfo
    created_at          timestamptz not null,
    primary key (tenant, id)
);

create table device_group (
    id         text        primary key,
    tenant     text        not null,
    name       text        not null,
    created_at timestamptz not null
);
create index device_group_tenant_idx on device_group (tenant);

-- tenant is carried so that a member always references a device of the group's tenant
create table group_member (
    group_id  text        not null references device_group (id) on delete cascade,
    device_id text        not null,
    tenant    text        not null,
    added_at  timestamptz not null,
    primary key (group_id, device_id),
    foreign key (tenant, device_id) references device (tenant, id) on delete cascade
);
create index group_member_device_idx on group_member (tenant, device_id);

create table trusted_profile (
    id              text        primary key,
    tenant          text        not null,
    name            text        not null,
    platform        text        not null check (platform in ('WINDOWS', 'MACOS', 'IOS', 'ANDROID')),
    certificate_pem text        not null,
    store           text        not null check (store in ('COMPUTER_ROOT', 'COMPUTER_INTERMEDIATE', 'USER_INTERMEDIATE')),
    authority_id    text,
    subject_dn      text        not null,
    created_at      timestamptz not null
);
create index trusted_profile_tenant_idx on trusted_profile (tenant);

create table scep_profile (
    id                        text        primary key,
    tenant                    text        not null,
    name                      text        not null,
    platform                  text        not null check (platform in ('WINDOWS', 'MACOS', 'IOS', 'ANDROID')),
    certificate_type          text        not null check (certificate_type in ('DEVICE', 'USER')),
    authority_id              text        not null,
    scep_url                  text        not null,
    subject_name_format       text        not null,
    sans                      jsonb       not null default '{"items": []}', -- {"items":[{"type":"DNS","value":"{{DeviceName}}.contoso.test"}]}
    validity_days             integer     not null check (validity_days > 0),
    key_algorithm             text        not null check (key_algorithm in ('RSA', 'EC')),
    key_size                  integer     not null,
    key_usages                text[]      not null default '{}',
    ekus                      text[]      not null default '{}',
    renewal_threshold_percent integer     not null check (renewal_threshold_percent between 1 and 99),
    trusted_profile_ids       text[]      not null default '{}',
    created_at                timestamptz not null,
    check ((key_algorithm = 'RSA' and key_size in (2048, 4096)) or (key_algorithm = 'EC' and key_size in (256, 384)))
);
create index scep_profile_tenant_idx on scep_profile (tenant);

create table assignment (
    id                text        primary key,
    tenant            text        not null,
    profile_id        text        not null references scep_profile (id),
    include_group_ids text[]      not null default '{}',
    exclude_group_ids text[]      not null default '{}',
    created_at        timestamptz not null
);
create index assignment_tenant_idx on assignment (tenant);
create index assignment_include_idx on assignment using gin (include_group_ids);

create table device_assignment (
    tenant        text        not null,
    device_id     text        not null,
    assignment_id text        not null references assignment (id) on delete cascade,
    profile_id    text        not null,
    status        text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'NOT_APPLICABLE')),
    reason        text,
    serial_number text,
    updated_at    timestamptz not null,
    primary key (device_id, assignment_id),
    foreign key (tenant, device_id) references device (tenant, id) on delete cascade
);
create index device_assignment_profile_idx on device_assignment (profile_id, status);

-- Events written in the same transaction as the change they announce; a relay publishes them.
create table outbox (
    id          bigserial   primary key,
    topic       text        not null,
    message_key text        not null,
    event_id    text        not null unique,
    event_type  text        not null,
    payload     text        not null, -- CloudEvents JSON (sealed challenges only, never a clear one)
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index outbox_unsent_idx on outbox (id) where sent_at is null;
