-- An assignment to a large group reaches its devices in slices, one transaction each (AssignmentRollout):
-- rollout_after is the id of the last device the rollout has reached, in device id order; null once every device in
-- scope was reached. A restarted service continues from it.
alter table assignment add column rollout_after text;
create index assignment_rollout_idx on assignment (id) where rollout_after is not null;
