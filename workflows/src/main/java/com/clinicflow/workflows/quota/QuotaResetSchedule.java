package com.clinicflow.workflows.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How the quota reset runs; carried through continue-as-new unchanged.
 *
 * @param maxSleep the longest sleep between two rounds, whatever the next period start: bounds how
 *     late a clinic added (or moved to another time zone) after a round can be reset
 * @param retryPause the pause before trying again after a round failed
 * @param roundsPerRun rounds before continuing as new, to keep the history small
 */
public record QuotaResetSchedule(
    @JsonProperty("max_sleep") Duration maxSleep,
    @JsonProperty("retry_pause") Duration retryPause,
    @JsonProperty("rounds_per_run") int roundsPerRun) {

  /** An hour at most between rounds, five minutes after a failure, two days of rounds per run. */
  public static QuotaResetSchedule standard() {
    return new QuotaResetSchedule(Duration.ofHours(1), Duration.ofMinutes(5), 48);
  }
}
