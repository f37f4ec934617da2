package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code pause_bot_for_patient} / {@code resume_bot_for_patient}: signals the patient's
 * conversation ({@code BotPause}); while paused, the patient's messages are kept but not answered.
 * Pausing again only moves the end of the pause, so a retried call is harmless. The pause is also
 * recorded on the conversation's row ({@link ConversationRepository#recordStaffPause}), where the
 * admin API's list and {@code paused_patients} read it.
 */
final class PauseBotTool extends StaffTool {

  static final int DEFAULT_HOURS = 24;
  static final int MAX_HOURS = 24 * 30;

  private final PatientConversations conversations;
  private final ConversationRepository rows;
  private final Clock clock;
  private final boolean resume;

  private PauseBotTool(
      String name,
      String description,
      Map<String, Object> properties,
      CachedTenants tenants,
      PatientConversations conversations,
      ConversationRepository rows,
      Clock clock,
      boolean resume) {
    super(name, description, properties, List.of("phone"), tenants);
    this.conversations = conversations;
    this.rows = rows;
    this.clock = clock;
    this.resume = resume;
  }

  static PauseBotTool pause(
      CachedTenants tenants,
      PatientConversations conversations,
      ConversationRepository rows,
      Clock clock) {
    return new PauseBotTool(
        "pause_bot_for_patient",
        "Stops the automatic assistant from answering one patient on WhatsApp (staff take over)."
            + " Default "
            + DEFAULT_HOURS
            + " hours.",
        Map.of(
            "phone", prop("string", "Patient's WhatsApp number, digits with country and area code"),
            "hours", prop("integer", "How long, 1 to " + MAX_HOURS + "; default " + DEFAULT_HOURS)),
        tenants,
        conversations,
        rows,
        clock,
        false);
  }

  static PauseBotTool resume(
      CachedTenants tenants,
      PatientConversations conversations,
      ConversationRepository rows,
      Clock clock) {
    return new PauseBotTool(
        "resume_bot_for_patient",
        "Lets the automatic assistant answer a paused patient again.",
        Map.of(
            "phone",
            prop("string", "Patient's WhatsApp number, digits with country and area code")),
        tenants,
        conversations,
        rows,
        clock,
        true);
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    String phone = phone(invocation);
    TenantConfig clinic = clinic(invocation);
    if (resume) {
      String conversation =
          conversations.pause(
              clinic, phone, new BotPause(Duration.ZERO, invocation.conversationId()));
      rows.recordStaffPause(clinic.tenantId(), phone, conversation, null);
      return Map.of("status", "resumed", "conversation", conversation);
    }
    Integer hours = optionalInt(invocation, "hours");
    int h = hours == null ? DEFAULT_HOURS : hours;
    if (h < 1 || h > MAX_HOURS) {
      throw new IllegalArgumentException("hours must be between 1 and " + MAX_HOURS);
    }
    Duration pause = Duration.ofHours(h);
    String conversation =
        conversations.pause(clinic, phone, new BotPause(pause, invocation.conversationId()));
    rows.recordStaffPause(clinic.tenantId(), phone, conversation, clock.instant().plus(pause));
    return Map.of("status", "paused", "hours", h, "conversation", conversation);
  }
}
