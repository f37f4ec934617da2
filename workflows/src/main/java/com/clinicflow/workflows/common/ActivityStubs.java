package com.clinicflow.workflows.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Activity stubs with the retry budgets of ClinicFlow, one per kind of I/O. Only Temporal retries
 * (client libraries have theirs turned off), and permanent failures ({@link Errors}) are never
 * retried. A budget is bounded so that a conversation can notice it has spent it and ask for an
 * operator instead of retrying forever.
 */
public final class ActivityStubs {

  private ActivityStubs() {}

  /** PostgreSQL: quick, and usually back within seconds when it blips. */
  public static final ActivityOptions DATABASE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(retry(Duration.ofMillis(200), Duration.ofSeconds(10), 10))
          .build();

  /**
   * The LLM: slow calls; a few spaced-out tries before the conversation asks for help.
   *
   * <p>Implementations must heartbeat while they wait for the model (the Gemini adapter does, every
   * 2 s, through {@code Heartbeats}). The start-to-close timeout alone would leave a call whose
   * worker was killed unnoticed for 90 s, with the patient waiting; with a 10 s heartbeat timeout
   * the server gives up on a silent attempt after 10 s and retries it on another worker. A retry is
   * safe: a model call has no side effect, and the reply is sent later under its own idempotency
   * key.
   */
  public static final ActivityOptions LLM =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(90))
          .setHeartbeatTimeout(Duration.ofSeconds(10))
          .setRetryOptions(retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 4))
          .build();

  /** Messaging and Google APIs: side effects guarded by idempotency keys. */
  public static final ActivityOptions EXTERNAL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 5))
          .build();

  public static <T> T database(Class<T> activities) {
    return Workflow.newActivityStub(activities, DATABASE);
  }

  public static <T> T llm(Class<T> activities) {
    return Workflow.newActivityStub(activities, LLM);
  }

  public static <T> T external(Class<T> activities) {
    return Workflow.newActivityStub(activities, EXTERNAL);
  }

  private static RetryOptions retry(Duration initial, Duration max, int attempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(initial)
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(max)
        .setMaximumAttempts(attempts)
        .setDoNotRetry(Errors.nonRetryable())
        .build();
  }
}
