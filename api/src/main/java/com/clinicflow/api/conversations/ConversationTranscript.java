package com.clinicflow.api.conversations;

import com.clinicflow.workflows.patient.UnansweredMessage;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The latest messages of a conversation, oldest first.
 *
 * @param unanswered what the running workflow holds and has not answered; null when no workflow
 *     runs or Temporal did not answer
 */
@Schema(description = "The latest messages of a conversation, oldest first.")
public record ConversationTranscript(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("limit") int limit,
    @JsonProperty("messages") List<TranscriptLine> messages,
    @Schema(
            description =
                "The patient's messages the running workflow holds and has not answered, oldest"
                    + " first (a turn waiting for an operator, then those that came meanwhile):"
                    + " not yet in messages. Absent when no workflow runs or Temporal did not"
                    + " answer.")
        @JsonProperty("unanswered")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<UnansweredMessage> unanswered) {}
