-- A patient's appointments are found under every contact the clinic knows for them
-- (ContactIdentityRepository.identitiesOf): a phone's learned LIDs are looked up by phone.
CREATE INDEX contact_identity_by_phone ON contact_identity (tenant_id, phone);
