package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A patient conversation: a clinic and a contact. {@code contact} is the patient's phone digits, or
 * {@code lid:{digits}} while only a WhatsApp LID is known.
 */
public record ConversationKey(
    @JsonProperty("tenant_id") String tenantId, @JsonProperty("contact") String contact) {

  /** The workflow id an operator types into the Temporal UI: {@code patient:{tenant}:{contact}}. */
  public String workflowId() {
    return workflowId(tenantId, contact);
  }

  public static String workflowId(String tenantId, String contact) {
    return "patient:" + tenantId + ":" + contact;
  }
}
