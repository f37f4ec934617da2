package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationSummary;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code paused_patients}: the patients the assistant is paused for (staff took over, from the
 * clinic's phone or with {@code pause_bot_for_patient}), the most recently paused first, with until
 * when in the clinic's time. From the conversations' rows, where a pause that has run out reads as
 * active ({@link ConversationRepository#listRecent}).
 */
final class PausedPatientsTool extends StaffTool {

  /** More than a chat message should list; the count says how many there are in all. */
  static final int MAX_LISTED = 30;

  /** Running pauses counted at most. */
  static final int MAX_READ = 500;

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

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
    ZoneId zone = ZoneId.of(clinic.timezone() == null ? "UTC" : clinic.timezone());
    List<ConversationSummary> paused =
        conversations.listRecent(clinic.tenantId(), ConversationStatus.PAUSED, MAX_READ);
    List<Map<String, Object>> listed =
        paused.stream().limit(MAX_LISTED).map(c -> patient(c, zone)).toList();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", paused.size());
    result.put("patients", listed);
    return result;
  }

  private static Map<String, Object> patient(ConversationSummary conversation, ZoneId zone) {
    Map<String, Object> patient = new LinkedHashMap<>();
    patient.put("contact", conversation.contact());
    patient.put("name", conversation.displayName());
    patient.put(
        "paused_until",
        conversation.pausedUntil() == null
            ? null
            : LOCAL.format(conversation.pausedUntil().atZone(zone)));
    return patient;
  }
}
