package com.clinicflow.api.conversations;

import com.clinicflow.workflows.conversation.ConversationStatus;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A clinic's conversations, the most recently changed first. */
@Schema(description = "A clinic's conversations, the most recently changed first.")
public record ConversationList(
    @JsonProperty("tenant_id") String tenantId,
    @Schema(description = "The status asked for; null for every status.") @JsonProperty("status")
        ConversationStatus status,
    @JsonProperty("count") int count,
    @JsonProperty("conversations") List<StoredConversation> conversations) {}
