package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Conversations waiting for an operator's retry, longest waiting first. */
@Schema(description = "Conversations waiting for an operator, longest waiting first.")
public record AttentionList(
    @Schema(description = "The clinic asked for; null for every clinic.") @JsonProperty("tenant_id")
        String tenantId,
    @JsonProperty("count") int count,
    @JsonProperty("conversations") List<StoredConversation> conversations) {}
