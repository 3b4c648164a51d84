-- profile-service v4: the SCEP profile's key storage provider (Windows only) and hash algorithm.

alter table scep_profile add column key_storage_provider text
    check (key_storage_provider in ('TPM_OR_SOFTWARE', 'TPM_REQUIRED', 'PASSPORT', 'SOFTWARE'));
alter table scep_profile add column hash_algorithm text not null default 'SHA256'
    check (hash_algorithm in ('SHA256', 'SHA384', 'SHA512'));

-- existing Windows profiles get the Windows default; other platforms have no key storage provider
update scep_profile set key_storage_provider = 'TPM_OR_SOFTWARE' where platform = 'WINDOWS';
alter table scep_profile add constraint scep_profile_ksp_windows_only
    check ((platform = 'WINDOWS') = (key_storage_provider is not null));
