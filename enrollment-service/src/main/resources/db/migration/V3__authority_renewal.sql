-- CA rollover (AuthorityRenewed on stratus.authorities.v1).
-- The authority row keeps the generation of the certificate it serves, the announced next certificate
-- (GetNextCACert) and the certificates of earlier generations (devices they issued may still renew).
alter table authority add column generation int not null default 1;
alter table authority add column next_generation int;
alter table authority add column next_certificate_pem text;
alter table authority add column next_chain_pem text;
alter table authority add column previous_certificates_pem text;

-- When the CA key changes, a new RA key pair is made and certified under the new key (transaction id
-- ra-<caId>-g<generation>); the current RA credential keeps serving until that certificate arrives.
alter table ra_credential add column next_wrapped_key bytea;
alter table ra_credential add column next_csr_der bytea;
alter table ra_credential add column next_transaction_id varchar(128) unique;
