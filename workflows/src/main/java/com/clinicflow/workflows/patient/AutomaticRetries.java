package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.common.Errors;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * When a failed turn is tried again by itself (decision 0028): after each of the settings' waits in
 * turn, and only when its failure looks like a passing outage — any type but the {@link Errors} an
 * operator must fix (credentials, configuration, a request or a refusal).
 */
final class AutomaticRetries {

  /** Failure types no wait can cure: {@link Errors#nonRetryable}. */
  private static final Set<String> OPERATOR_MUST_FIX = Set.of(Errors.nonRetryable());

  private final List<Duration> waits;

  AutomaticRetries(List<Duration> waits) {
    this.waits = waits;
  }

  /**
   * Whether {@code turn}, failed with {@code failureType}, has automatic retries left. What the
   * clinic's alert says; {@link #nextWait} also asks whether the run follows {@link
   * Changes#AUTOMATIC_RETRY}, a question the alert must not ask first.
   */
  boolean left(Turn turn, String failureType) {
    return turn.automaticRetries < waits.size()
        && (failureType == null || !OPERATOR_MUST_FIX.contains(failureType));
  }

  /**
   * How long {@code turn} waits before it is tried again by itself; null when it is not. Asks about
   * the change only when a retry would follow, so only those runs record its marker; a run recorded
   * before it waits for an operator, as it did.
   */
  Duration nextWait(Turn turn, String failureType) {
    if (!left(turn, failureType)) {
      return null;
    }
    return Changes.isOn(Changes.AUTOMATIC_RETRY) ? waits.get(turn.automaticRetries) : null;
  }
}
