-- A transaction id is the client's, and clients of different tenants and CAs choose theirs independently: it is
-- unique per CA, not across the deployment (a device of one tenant could otherwise block another tenant's request
-- by sending its transaction id first). The constraint keeps its name.
ALTER TABLE issued_certificate DROP CONSTRAINT issued_certificate_transaction_uq;
ALTER TABLE issued_certificate ADD CONSTRAINT issued_certificate_transaction_uq UNIQUE (authority_id, transaction_id);
