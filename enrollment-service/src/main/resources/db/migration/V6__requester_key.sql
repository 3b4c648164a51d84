-- A transaction is answered again (CertPoll, a repeated PKCSReq or RenewalReq) only to the key that sent it:
-- SHA-256 of the SubjectPublicKeyInfo of the certificate that signed the first request. Rows from before V6
-- have none and are answered as before.
alter table enrollment add column requester_key bytea;
