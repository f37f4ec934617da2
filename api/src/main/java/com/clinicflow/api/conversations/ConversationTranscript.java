package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The latest messages of a conversation, oldest first. */
@Schema(description = "The latest messages of a conversation, oldest first.")
public record ConversationTranscript(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("limit") int limit,
    @JsonProperty("messages") List<TranscriptLine> messages) {}
