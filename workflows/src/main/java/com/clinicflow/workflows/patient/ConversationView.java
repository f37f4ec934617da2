package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.conversation.ConversationStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A conversation's live state, answered by the {@code state} query (no message text).
 *
 * @param pendingMessages received, not yet answered
 * @param turnsSoFar turns answered across runs
 * @param lastError failure type of the turn that needs attention, else null
 * @param nextAutomaticRetryAt when the turn that needs attention will be tried again by itself
 *     (decision 0028); null when it will not: no turn waits, its failure is one an operator must
 *     fix, or its automatic retries are spent
 */
public record ConversationView(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("status") ConversationStatus status,
    @JsonProperty("paused_until") Instant pausedUntil,
    @JsonProperty("pending_messages") int pendingMessages,
    @JsonProperty("turns_so_far") long turnsSoFar,
    @JsonProperty("last_error") String lastError,
    @JsonProperty("next_automatic_retry_at") @JsonInclude(JsonInclude.Include.NON_NULL)
        Instant nextAutomaticRetryAt) {}
