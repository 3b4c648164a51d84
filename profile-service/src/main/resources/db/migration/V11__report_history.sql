-- The deployment report over time (docs/profiles.md, "Reports over time"): each profile's devices counted by status,
-- every stratus.profile.report-history.interval, by ReportHistory. taken_at is the start of the interval, so two
-- replicas that count in the same interval keep one row; rows older than the retention are deleted.
create table report_snapshot (
    tenant         text        not null,
    profile_id     text        not null,
    taken_at       timestamptz not null,
    succeeded      bigint      not null,
    pending        bigint      not null,
    failed         bigint      not null,
    not_applicable bigint      not null,
    primary key (tenant, profile_id, taken_at)
);
create index report_snapshot_taken_idx on report_snapshot (taken_at);
