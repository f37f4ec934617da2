package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A patient's message the conversation holds and has not answered ({@link
 * PatientHandler#unanswered}): when it was sent, what it is, and its text or caption (null for a
 * voice note). Media stay on WhatsApp.
 */
public record UnansweredMessage(
    @JsonProperty("sent_at") Instant sentAt,
    @JsonProperty("kind") MessageKind kind,
    @JsonProperty("text") String text) {

  static UnansweredMessage of(InboundMessage message) {
    return new UnansweredMessage(message.sentAt(), message.kind(), message.text());
  }
}
