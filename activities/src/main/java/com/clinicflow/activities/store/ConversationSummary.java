package com.clinicflow.activities.store;

import com.clinicflow.workflows.conversation.ConversationStatus;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One row of {@code conversation}: where a patient conversation stands, for the admin API. */
public record ConversationSummary(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("channel") String channel,
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("status") ConversationStatus status,
    @JsonProperty("display_name") String displayName,
    @JsonProperty("paused_until") Instant pausedUntil,
    @JsonProperty("last_inbound_at") Instant lastInboundAt,
    @JsonProperty("last_reply_at") Instant lastReplyAt,
    @JsonProperty("last_error") String lastError,
    @JsonProperty("needs_attention_since") Instant needsAttentionSince,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {}
