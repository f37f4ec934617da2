package com.clinicflow.api.webhooks;

import java.util.Optional;

/** WhatsApp LID ↔ phone identities of a clinic's patients ({@code contact_identity}). */
public interface ContactDirectory {

  /** The phone digits learned earlier for this LID, if any. */
  Optional<String> phoneForLid(String tenantId, String lid);

  /**
   * Remembers that this LID is this phone (idempotent).
   *
   * @return true when the clinic did not know it: a new LID, or one now on another phone
   */
  boolean learn(String tenantId, String lid, String phone);
}
