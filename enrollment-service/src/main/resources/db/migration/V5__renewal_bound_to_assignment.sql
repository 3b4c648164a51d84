-- Renewal is bound to the assignment (issue 11): a certificate renews only while the assignment it was
-- enrolled for is active, only inside its profile's renewal window, and only once.

-- The assignments profile-service announced (ProfileAssigned) and ended (ProfileUnassigned).
create table assignment (
    tenant                    varchar(64)  not null,
    assignment_id             varchar(64)  not null,
    device_id                 varchar(128) not null,
    profile_id                varchar(64)  not null,
    authority_id              varchar(64)  not null,
    renewal_threshold_percent integer      not null,
    ended_at                  timestamptz,
    updated_at                timestamptz  not null,
    primary key (tenant, assignment_id)
);

-- Assignments known before V5, from their challenges: the renewal threshold was not kept, so Intune's default
-- (20%) applies until profile-service announces the assignment again; one whose challenge was voided had ended.
insert into assignment (tenant, assignment_id, device_id, profile_id, authority_id, renewal_threshold_percent,
        ended_at, updated_at)
select tenant, assignment_id, min(device_id), min(profile_id), min(authority_id), 20, max(voided_at), now()
from challenge group by tenant, assignment_id;

-- One renewal per certificate: the transaction that renews it holds the claim; a refusal by the CA (or an
-- abandoned relay, which deletes the transaction) frees it.
create table renewal_claim (
    authority_id   varchar(64)  not null,
    serial_number  varchar(64)  not null,
    transaction_id varchar(128) not null references enrollment (transaction_id) on delete cascade,
    primary key (authority_id, serial_number)
);
create index renewal_claim_transaction_idx on renewal_claim (transaction_id);

-- Renewals from before V5 keep their claims (the oldest one, if a certificate was renewed twice).
insert into renewal_claim (authority_id, serial_number, transaction_id)
select authority_id, renewed_serial, transaction_id from enrollment
where renewed_serial is not null and status <> 'REJECTED'
order by created_at
on conflict do nothing;
