package com.clinicflow.activities.store;

import com.clinicflow.workflows.agent.ChatMessage;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One stored message of a conversation's transcript.
 *
 * @param seq global order of the transcript
 * @param turnKey the turn it belongs to; {@code position} is its place in that turn
 */
public record TranscriptEntry(
    @JsonProperty("seq") long seq,
    @JsonProperty("turn_key") String turnKey,
    @JsonProperty("position") int position,
    @JsonProperty("message") ChatMessage message,
    @JsonProperty("created_at") Instant createdAt) {}
