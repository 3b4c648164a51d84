-- profile-service v3: dynamic groups (a membership rule), per-device report lookups.

-- null: a static group (members added by hand); otherwise the rule that decides the members
alter table device_group add column membership_rule text;
alter table device_group add column updated_at timestamptz;
create index device_group_dynamic_idx on device_group (tenant) where membership_rule is not null;
create index device_group_tenant_name_idx on device_group (tenant, name);

-- the per-device report and device deletion read a device's rows
create index device_assignment_device_idx on device_assignment (tenant, device_id);
-- a revocation finds the row that holds the certificate
create index device_assignment_serial_idx on device_assignment (tenant, serial_number) where serial_number is not null;
create index scep_profile_trusted_idx on scep_profile using gin (trusted_profile_ids);

-- the expiry of the certificate a device holds for the assignment (from CertificateIssued)
alter table device_assignment add column not_after timestamptz;
