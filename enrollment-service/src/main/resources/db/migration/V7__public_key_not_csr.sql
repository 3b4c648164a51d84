-- A PENDING transaction keeps only the key the CA is to certify (DER SubjectPublicKeyInfo), not the device's CSR:
-- the CSR carries the challenge password. csr_der stays for transactions opened before V7 until they complete
-- (their CSR is read once more to relay them again), and is never written any more.
alter table enrollment add column public_key_der bytea;
