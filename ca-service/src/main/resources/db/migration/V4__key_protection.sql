-- Key protection: the authority row stores a reference to its private key and the protection that reads it.
-- "software": the reference is the PKCS#8 key wrapped with AES-256-GCM under the KEK (CA id as AAD), as before;
-- "pkcs11": the reference is the alias (the CA id) of a non-extractable key inside the PKCS#11 token.
-- Existing rows hold software blobs and keep working unchanged.
ALTER TABLE authority RENAME COLUMN wrapped_key TO key_reference;
ALTER TABLE authority ADD COLUMN key_protection VARCHAR(16) NOT NULL DEFAULT 'software';
CREATE INDEX authority_key_protection_idx ON authority (key_protection);
