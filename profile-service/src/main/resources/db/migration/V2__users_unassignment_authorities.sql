-- profile-service v2: users, more device attributes, user members of groups, delivery flag, known CAs.

create table app_user (
    tenant           text        not null,
    id               text        not null,
    upn              text        not null,
    email            text,
    given_name       text,
    surname          text,
    on_prem_dn       text,
    sam_account_name text,
    created_at       timestamptz not null,
    primary key (tenant, id),
    unique (tenant, upn)
);

alter table device add column primary_user_id text;
alter table device add column imei text;
alter table device add column wifi_mac text;
-- bulk-imported devices may come without an identity key; they cannot receive challenges until registered
alter table device alter column identity_public_key drop not null;
alter table device add foreign key (tenant, primary_user_id) references app_user (tenant, id);
create index device_primary_user_idx on device (tenant, primary_user_id) where primary_user_id is not null;

-- a user in a group brings in the devices whose primary user it is
create table group_user_member (
    group_id text        not null references device_group (id) on delete cascade,
    user_id  text        not null,
    tenant   text        not null,
    added_at timestamptz not null,
    primary key (group_id, user_id),
    foreign key (tenant, user_id) references app_user (tenant, id) on delete cascade
);
create index group_user_member_user_idx on group_user_member (tenant, user_id);

-- true when the device was sent a ProfileAssigned for this row (so a later unassignment concerns it)
alter table device_assignment add column delivered boolean not null default false;
update device_assignment set delivered = true where status in ('PENDING', 'SUCCEEDED');
create index device_assignment_assignment_idx on device_assignment (assignment_id);
create index assignment_profile_idx on assignment (profile_id);

-- the CAs ca-service announced on stratus.authorities.v1
create table authority (
    tenant         text        not null,
    id             text        not null,
    kind           text        not null,
    status         text        not null,
    subject_dn     text,
    not_after      timestamptz,
    key_algorithm  text,
    key_size       integer,
    ekus           text[]      not null default '{}',
    updated_at     timestamptz not null,
    primary key (tenant, id)
);
