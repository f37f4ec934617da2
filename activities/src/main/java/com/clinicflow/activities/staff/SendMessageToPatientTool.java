package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.patient.StaffOutbound;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code send_message_to_patient}: hands the text to the patient's conversation, which sends it on
 * the clinic's WhatsApp instance and keeps it in the transcript. Keyed by the tool call's
 * idempotency key, so a retried call sends once.
 */
final class SendMessageToPatientTool extends StaffTool {

  static final int MAX_LENGTH = 4000;

  private final PatientConversations conversations;

  SendMessageToPatientTool(CachedTenants tenants, PatientConversations conversations) {
    super(
        "send_message_to_patient",
        "Sends a WhatsApp message to a patient through the clinic's WhatsApp number, exactly as"
            + " written. The message becomes part of that patient's conversation.",
        Map.of(
            "phone", prop("string", "Patient's WhatsApp number, digits with country and area code"),
            "text", prop("string", "The message, as the patient will read it")),
        List.of("phone", "text"),
        tenants);
    this.conversations = conversations;
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    String phone = phone(invocation);
    String text = text(invocation, "text");
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "text is too long (at most " + MAX_LENGTH + " characters)");
    }
    TenantConfig clinic = clinic(invocation);
    String conversation =
        conversations.sendStaffMessage(
            clinic,
            phone,
            new StaffOutbound(invocation.idempotencyKey(), text, invocation.conversationId()));
    return Map.of(
        "status", "queued",
        "detail", "The patient's conversation sends it on WhatsApp and records it.",
        "conversation", conversation);
  }
}
