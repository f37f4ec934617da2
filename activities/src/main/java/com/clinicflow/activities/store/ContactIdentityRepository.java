package com.clinicflow.activities.store;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * WhatsApp LID ↔ phone identities of a clinic's patients ({@code contact_identity}), learned when a
 * message carries both, so that a patient known by LID joins the conversation of their phone.
 */
public class ContactIdentityRepository {

  private final JdbcClient jdbc;

  public ContactIdentityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The phone digits learned earlier for this LID at this clinic, if any. */
  public Optional<String> phoneForLid(String tenantId, String lid) {
    return jdbc.sql(
            "SELECT phone FROM contact_identity WHERE tenant_id = :tenant_id AND lid = :lid")
        .param("tenant_id", tenantId)
        .param("lid", lid)
        .query(String.class)
        .optional();
  }

  /**
   * Every contact under which this clinic knows the patient of {@code contact}: the contact itself,
   * then the phone learned for a LID-only contact ({@code lid:…}), or the LIDs learned for a phone
   * ({@code lid:…} each), as the function {@code patient_contacts} (V12) defines them. A patient
   * first seen by LID alone and later by phone has had two conversations; what one booked belongs
   * to the other too.
   */
  public Set<String> identitiesOf(String tenantId, String contact) {
    return new LinkedHashSet<>(
        jdbc.sql(
                """
                SELECT contact FROM patient_contacts(:tenant_id, :contact)
                 ORDER BY rank, contact
                """)
            .param("tenant_id", tenantId)
            .param("contact", contact)
            .query(String.class)
            .list());
  }

  /**
   * Remembers that this LID is this phone; a different phone overwrites. Learning what is already
   * known writes nothing, since it happens on every message that carries both.
   *
   * @return true when the pair was new (inserted, or the LID moved to another phone)
   */
  public boolean learn(String tenantId, String lid, String phone) {
    return jdbc.sql(
                """
            INSERT INTO contact_identity (tenant_id, lid, phone)
            VALUES (:tenant_id, :lid, :phone)
            ON CONFLICT (tenant_id, lid) DO UPDATE
              SET phone = EXCLUDED.phone, learned_at = now()
              WHERE contact_identity.phone IS DISTINCT FROM EXCLUDED.phone
            """)
            .param("tenant_id", tenantId)
            .param("lid", lid)
            .param("phone", phone)
            .update()
        > 0;
  }
}
