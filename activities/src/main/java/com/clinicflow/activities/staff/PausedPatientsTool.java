package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationSummary;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code paused_patients}: the patients the assistant is paused for (staff took over, from the
 * clinic's phone or with {@code pause_bot_for_patient}), the most recently paused first, with until
 * when in the clinic's time. From the conversations' rows, where a pause that has run out reads as
 * active ({@link ConversationRepository#listRecent}).
 */
final class PausedPatientsTool extends StaffTool {

  private final ConversationRepository conversations;

  PausedPatientsTool(CachedTenants tenants, ConversationRepository conversations) {
    super(
        "paused_patients",
        "The patients the automatic assistant is paused for on WhatsApp (staff took over), with"
            + " until when, most recently paused first.",
        Map.of(),
        List.of(),
        tenants);
    this.conversations = conversations;
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    List<ConversationSummary> paused =
        conversations.listRecent(
            clinic.tenantId(), ConversationStatus.PAUSED, PatientListing.MAX_READ);
    return PatientListing.of(
        paused, c -> PatientListing.patient(c, "paused_until", c.pausedUntil(), clinic));
  }
}
