package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A patient conversation: a clinic and a contact. {@code contact} is the patient's phone digits, or
 * {@code lid:{digits}} while only a WhatsApp LID is known.
 */
public record ConversationKey(
    @JsonProperty("tenant_id") String tenantId, @JsonProperty("contact") String contact) {

  /** What starts the contact of a patient known only by a WhatsApp LID: {@code lid:{digits}}. */
  public static final String LID_PREFIX = "lid:";

  /** The contact of a patient known only by the LID {@code lidDigits}. */
  public static String lidContact(String lidDigits) {
    return LID_PREFIX + lidDigits;
  }

  /** The LID digits of a LID-only contact, or null when the contact is a phone. */
  public static String lidDigits(String contact) {
    return contact.startsWith(LID_PREFIX) ? contact.substring(LID_PREFIX.length()) : null;
  }

  /**
   * Where a WhatsApp message reaches the patient of a contact: phone digits as they are; a LID-only
   * contact ({@code lid:123}) at its full JID ({@code 123@lid}), never as a number.
   */
  public static String recipient(String contact) {
    String lid = lidDigits(contact);
    return lid != null ? lid + "@lid" : contact;
  }

  /** The workflow id an operator types into the Temporal UI: {@code patient:{tenant}:{contact}}. */
  public String workflowId() {
    return workflowId(tenantId, contact);
  }

  public static String workflowId(String tenantId, String contact) {
    return "patient:" + tenantId + ":" + contact;
  }
}
