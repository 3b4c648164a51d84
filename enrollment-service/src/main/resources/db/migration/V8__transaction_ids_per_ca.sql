-- A transaction id is the client's choice, unique only within the CA it enrolls with: transactions are keyed by
-- (authority_id, transaction_id), so a device of one tenant cannot block or answer another tenant's transaction by
-- sending its id first. The renewal claims follow the new key.
alter table renewal_claim drop constraint renewal_claim_transaction_id_fkey;
drop index renewal_claim_transaction_idx;
alter table enrollment drop constraint enrollment_pkey;
alter table enrollment add primary key (authority_id, transaction_id);
alter table renewal_claim add constraint renewal_claim_transaction_fkey foreign key (authority_id, transaction_id)
    references enrollment (authority_id, transaction_id) on delete cascade;
create index renewal_claim_transaction_idx on renewal_claim (authority_id, transaction_id);
drop index issued_certificate_transaction_idx;
create index issued_certificate_transaction_idx on issued_certificate (authority_id, transaction_id);
