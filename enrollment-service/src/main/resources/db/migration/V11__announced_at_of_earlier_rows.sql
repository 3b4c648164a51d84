-- Rows from before V10 do not know when their assignment was announced. The nearest time kept is when
-- enrollment-service recorded the challenge that announcement brought: a little later than the announcement, but
-- before any request that relies on it, so the CA can still revoke a certificate whose assignment ended after it.
-- (An end that came between the announcement and the challenge's recording is missed; it was before too.)
update challenge set assigned_at = created_at where assigned_at is null;

update assignment a set assigned_at = (select max(c.created_at) from challenge c
        where c.tenant = a.tenant and c.assignment_id = a.assignment_id and c.device_id = a.device_id)
where a.assigned_at is null;

-- transactions still waiting for the CA are relayed again with it: enrollments from their challenge, renewals from
-- the device's assignment
update enrollment e set assigned_at = coalesce(
        (select c.assigned_at from challenge c where c.id = e.challenge_id),
        (select a.assigned_at from assignment a
         where a.tenant = e.tenant and a.assignment_id = e.assignment_id and a.device_id = e.device_id))
where e.assigned_at is null and e.status = 'PENDING' and e.assignment_id is not null;
