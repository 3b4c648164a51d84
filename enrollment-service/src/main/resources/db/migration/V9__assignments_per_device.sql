-- An assignment (a profile for a group) is shared by the group's devices, and it ends for one device at a time
-- (ProfileUnassigned names the device). Keyed by assignment alone, one device leaving the group ended renewal for
-- every other device, and the next ProfileAssigned of any device made it active again for the one that had left.
alter table assignment drop constraint assignment_pkey;
alter table assignment add primary key (tenant, assignment_id, device_id);

-- The other devices of each known assignment, from their challenges. Which device an earlier end was meant for was
-- not kept, so every device of an ended assignment stays ended (the safe side: none renews that had left) until
-- profile-service announces the assignment to it again.
insert into assignment (tenant, assignment_id, device_id, profile_id, authority_id, renewal_threshold_percent,
        ended_at, updated_at)
select c.tenant, c.assignment_id, c.device_id, a.profile_id, a.authority_id, a.renewal_threshold_percent, a.ended_at,
       now()
from (select distinct tenant, assignment_id, device_id from challenge) c
join assignment a on a.tenant = c.tenant and a.assignment_id = c.assignment_id
on conflict do nothing;
