-- When profile-service announced a device's assignment (the time of its ProfileAssigned), kept with the challenge it
-- sent, the device's assignment and each transaction: the request to the CA carries it, and the CA revokes a
-- certificate whose assignment ended at or after it, even if enrollment-service accepted the request after the end
-- (before it had read the ProfileUnassigned). Null for what was recorded before V10.
alter table challenge add column assigned_at timestamptz;
alter table assignment add column assigned_at timestamptz;
alter table enrollment add column assigned_at timestamptz;
