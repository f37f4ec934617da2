package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Staff pause or resume the bot for this patient (from Telegram). A zero or null duration resumes.
 *
 * @param requestedBy who asked, for the activity log (e.g. {@code telegram:-100123})
 */
public record BotPause(
    @JsonProperty("duration") Duration duration, @JsonProperty("requested_by") String requestedBy) {

  public boolean resumes() {
    return duration == null || duration.isZero() || duration.isNegative();
  }
}
