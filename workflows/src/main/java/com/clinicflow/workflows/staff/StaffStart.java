package com.clinicflow.workflows.staff;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Input of an {@link InternalAssistant} run. The API starts it with only the address; continue-as-
 * new carries the rest.
 *
 * @param tenantId the clinic named in the workflow id, or null for a chat of no clinic
 * @param chatId the Telegram chat
 * @param pendingUpdates updates received, not yet answered
 * @param pendingAlerts alerts received, not yet sent
 * @param seen recent update ids and alert keys, to drop repeats
 * @param lastRefusalAt when this chat was last refused (chats of no clinic)
 * @param disconnectedInstances WhatsApp instances known to be down, to announce their return
 * @param turnsSoFar staff messages answered across runs
 */
public record StaffStart(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("chat_id") long chatId,
    @JsonProperty("settings") StaffSettings settings,
    @JsonProperty("pending_updates") List<StaffUpdate> pendingUpdates,
    @JsonProperty("pending_alerts") List<StaffAlert> pendingAlerts,
    @JsonProperty("seen") List<String> seen,
    @JsonProperty("last_refusal_at") Instant lastRefusalAt,
    @JsonProperty("disconnected_instances") List<String> disconnectedInstances,
    @JsonProperty("turns_so_far") long turnsSoFar) {

  /** Stands for the tenant in the workflow id of a chat of no clinic; no tenant id has a "_". */
  public static final String NO_TENANT = "_none";

  public static StaffStart fresh(String tenantId, long chatId) {
    return new StaffStart(
        tenantId,
        chatId,
        StaffSettings.defaults(),
        List.of(),
        List.of(),
        List.of(),
        null,
        List.of(),
        0);
  }

  /**
   * The id an operator types into the Temporal UI: {@code staff:{tenant_id}:{chat_id}}, or {@code
   * staff:_none:{chat_id}} for a chat that belongs to no clinic.
   */
  public static String workflowId(String tenantId, long chatId) {
    return "staff:" + (tenantId == null ? NO_TENANT : tenantId) + ":" + chatId;
  }
}
