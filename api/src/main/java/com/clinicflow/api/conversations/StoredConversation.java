package com.clinicflow.api.conversations;

import com.clinicflow.workflows.conversation.ConversationStatus;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A conversation's row in PostgreSQL: where it stands as last recorded by its workflow. */
@Schema(description = "A conversation as recorded in PostgreSQL.")
public record StoredConversation(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("channel") String channel,
    @JsonProperty("workflow_id") String workflowId,
    @Schema(description = "As recorded, except that a pause which has run out reads ACTIVE.")
        @JsonProperty("status")
        ConversationStatus status,
    @JsonProperty("display_name") String displayName,
    @JsonProperty("paused_until") Instant pausedUntil,
    @JsonProperty("last_inbound_at") Instant lastInboundAt,
    @JsonProperty("last_reply_at") Instant lastReplyAt,
    @Schema(description = "Failure type of the last failed turn (kept after a successful retry).")
        @JsonProperty("last_error")
        String lastError,
    @JsonProperty("needs_attention_since") Instant needsAttentionSince,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {}
