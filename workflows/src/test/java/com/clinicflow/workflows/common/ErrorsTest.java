package com.clinicflow.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void namesTheActivitysFailureTypeNeverItsMessage() {
    ApplicationFailure refused =
        Errors.LLM_REFUSED.failure("Gemini refused: 'my rash, CPF 123.456.789-00'");
    ActivityFailure failure = activityFailure(refused);

    assertThat(Errors.typeOf(failure)).isEqualTo("LLM_REFUSED");
    assertThat(Errors.typeOf(refused)).isEqualTo("LLM_REFUSED");
  }

  @Test
  void aFailureWithoutApplicationCauseIsNamedByItsClass() {
    ActivityFailure timedOut = activityFailure(new TimeoutFailure("timed out", null, null));

    assertThat(Errors.typeOf(timedOut)).isEqualTo("ActivityFailure");
  }

  @Test
  void retryPoliciesSkipExactlyTheNonRetryableTypes() {
    assertThat(Errors.nonRetryable())
        .contains("BAD_REQUEST", "UNAUTHORIZED", "LLM_REFUSED")
        .doesNotContain("RATE_LIMITED", "UPSTREAM_UNAVAILABLE");
    assertThat(Errors.RATE_LIMITED.failure("slow down").isNonRetryable()).isFalse();
    assertThat(Errors.NOT_FOUND.failure("no such number").isNonRetryable()).isTrue();
  }

  private static ActivityFailure activityFailure(Throwable cause) {
    return new ActivityFailure(
        "Activity task failed",
        5,
        6,
        "SendText",
        "1",
        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
        "worker@host",
        cause);
  }
}
