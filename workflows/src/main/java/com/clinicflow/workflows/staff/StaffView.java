package com.clinicflow.workflows.staff;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A staff chat's live state, answered by the {@code state} query (no message text).
 *
 * @param pendingUpdates received, not yet answered
 * @param turnsSoFar staff messages answered across runs
 * @param refusals refusals sent by this run (chats of no clinic)
 * @param lastRefusalAt when the chat was last refused, or null
 * @param disconnectedInstances WhatsApp instances known to be down
 */
public record StaffView(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("chat_id") long chatId,
    @JsonProperty("pending_updates") int pendingUpdates,
    @JsonProperty("turns_so_far") long turnsSoFar,
    @JsonProperty("refusals") int refusals,
    @JsonProperty("last_refusal_at") Instant lastRefusalAt,
    @JsonProperty("disconnected_instances") List<String> disconnectedInstances) {}
