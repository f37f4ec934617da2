package com.clinicflow.api.conversations;

import com.clinicflow.workflows.agent.ChatMessage;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One stored message of a transcript.
 *
 * @param seq global order of the transcript
 * @param turnKey the turn it belongs to; {@code position} is its place in that turn
 */
@Schema(description = "One stored message of a conversation.")
public record TranscriptLine(
    @JsonProperty("seq") long seq,
    @JsonProperty("turn_key") String turnKey,
    @JsonProperty("position") int position,
    @JsonProperty("message") ChatMessage message,
    @JsonProperty("created_at") Instant createdAt) {}
