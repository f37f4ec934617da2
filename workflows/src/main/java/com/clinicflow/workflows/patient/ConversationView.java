package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.conversation.ConversationStatus;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A conversation's live state, answered by the {@code state} query (no message text).
 *
 * @param pendingMessages received, not yet answered
 * @param turnsSoFar turns answered across runs
 * @param lastError failure type of the turn that needs attention, else null
 */
public record ConversationView(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("status") ConversationStatus status,
    @JsonProperty("paused_until") Instant pausedUntil,
    @JsonProperty("pending_messages") int pendingMessages,
    @JsonProperty("turns_so_far") long turnsSoFar,
    @JsonProperty("last_error") String lastError) {}
