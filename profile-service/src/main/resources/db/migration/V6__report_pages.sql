-- A profile's deployment report pages its device rows in (device, assignment) order; the counts per status come
-- from device_assignment_profile_idx.
create index device_assignment_report_idx on device_assignment (profile_id, device_id, assignment_id);
