package com.clinicflow.activities.store;

import java.util.Optional;
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
   * Remembers that this LID is this phone; a different phone overwrites. Learning what is already
   * known writes nothing, since it happens on every message that carries both.
   */
  public void learn(String tenantId, String lid, String phone) {
    jdbc.sql(
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
        .update();
  }
}
