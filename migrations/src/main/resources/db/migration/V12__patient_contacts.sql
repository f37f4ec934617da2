-- Every contact under which a clinic knows the patient of `p_contact`, ranked: the contact itself
-- (0), then what contact_identity learned for it (1): the 'lid:{digits}' contacts of a phone, or
-- the phone of a LID-only contact (ConversationKey.LID_PREFIX). The one definition behind a
-- patient's appointment scope (ContactIdentityRepository.identitiesOf) and their memory
-- (ConversationRepository.loadMemory). A single SELECT, so PostgreSQL inlines it into the caller.
CREATE FUNCTION patient_contacts(p_tenant_id text, p_contact text)
RETURNS TABLE (rank integer, contact text)
LANGUAGE sql STABLE AS $$
  SELECT 0, p_contact
  UNION ALL
  SELECT 1, 'lid:' || lid FROM contact_identity
   WHERE tenant_id = p_tenant_id AND phone = p_contact
  UNION ALL
  SELECT 1, phone FROM contact_identity
   WHERE tenant_id = p_tenant_id AND p_contact LIKE 'lid:%' AND lid = substr(p_contact, 5)
$$;
