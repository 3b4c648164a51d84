-- profile-service v7: a SCEP profile can have ca-service revoke a certificate once its renewal is issued (reason
-- superseded), instead of leaving it valid until it expires. Off for existing profiles.
alter table scep_profile add column revoke_on_renewal boolean not null default false;
