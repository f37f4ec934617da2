package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Input of a {@link PatientHandler} run. The API starts a conversation with only the key, instance
 * and settings; continue-as-new carries the rest so nothing in flight is lost between runs.
 *
 * @param pending messages received but not yet answered
 * @param seenMessageIds recent provider message ids, to drop redeliveries within the workflow
 * @param pausedUntil handoff pause in force, or null
 * @param quotaNoticePeriod quota period (its start) in which the over-quota message was sent
 * @param turnsSoFar turns answered by this conversation across runs, for turn keys
 */
public record ConversationStart(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("settings") ConversationSettings settings,
    @JsonProperty("pending") List<InboundMessage> pending,
    @JsonProperty("seen_message_ids") List<String> seenMessageIds,
    @JsonProperty("paused_until") Instant pausedUntil,
    @JsonProperty("quota_notice_period") Instant quotaNoticePeriod,
    @JsonProperty("turns_so_far") long turnsSoFar) {

  public static ConversationStart fresh(
      String tenantId, String contact, String instanceName, ConversationSettings settings) {
    return new ConversationStart(
        tenantId, contact, instanceName, settings, List.of(), List.of(), null, null, 0);
  }

  public ConversationKey key() {
    return new ConversationKey(tenantId, contact);
  }
}
