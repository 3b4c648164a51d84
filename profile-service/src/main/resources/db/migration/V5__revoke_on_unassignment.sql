-- profile-service v5: a SCEP profile can revoke the certificates it issued to a device when it stops applying to
-- that device (removed from or excluded by the group, device or assignment deleted). Off for existing profiles.
alter table scep_profile add column revoke_on_unassignment boolean not null default false;
