package com.clinicflow.workflows.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
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
   * The hourly housekeeping round ({@code Housekeeping.PruneExpired}): PostgreSQL too, but up to
   * seven tables of batched deletes, each batch committed on its own. A backlog round (600,000 rows
   * across the tables) took 3.5 s on an idle 2-core host, close enough to {@link #DATABASE}'s 10 s
   * under load that an attempt could time out while its deletes went on, and the retry would run
   * beside them. A round stops at its batch budget, so minutes bound it with room to spare.
   */
  public static final ActivityOptions HOUSEKEEPING =
      ActivityOptions.newBuilder(DATABASE).setStartToCloseTimeout(Duration.ofMinutes(5)).build();

  /**
   * Attempts of an LLM call before the patient gets the clinic's fallback message and the
   * conversation waits for an operator: about 90 s of back-off (1, 2, 4, 8, 16, 30, 30 s), or 70 s
   * of 429s (retried after the 10 s the adapter asks for). Four attempts (the earlier budget) could
   * all land inside one burst of Gemini errors: with two 6-second 429 storms and 15 % 500s, 5 of
   * 600 turns got the fallback instead of an answer. A count, not a schedule-to-close timeout: a
   * timeout would also run while the call waits in the task queue, so a worker outage of a few
   * minutes would turn every waiting turn into a fallback.
   */
  public static final int LLM_ATTEMPTS = 8;

  /**
   * The LLM: slow calls, retried {@link #LLM_ATTEMPTS} times before the conversation asks for help.
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
          .setRetryOptions(retry(Duration.ofSeconds(1), Duration.ofSeconds(30), LLM_ATTEMPTS))
          .build();

  /** Messaging and Google APIs: side effects guarded by idempotency keys. */
  public static final ActivityOptions EXTERNAL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 5))
          .build();

  /**
   * ClinicFlow's own database and in-memory lookups on a conversation's path, as local activities:
   * they run in the worker inside the workflow task that asks for them, and their results are
   * recorded in the history as markers. A regular activity costs a round trip through Temporal's
   * task queue and one more workflow task to see its result; for a call of a few milliseconds that
   * was most of a message's engine cost. Same retry budget as {@link #DATABASE}; a retry backs off
   * inside the worker while the workflow task is kept alive. Like every activity, they may run more
   * than once (a worker dying before its workflow task completes runs them again), so each is safe
   * to repeat.
   */
  public static final LocalActivityOptions LOCAL_DATABASE =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(DATABASE.getStartToCloseTimeout())
          .setRetryOptions(DATABASE.getRetryOptions())
          .build();

  /**
   * The reply of a patient turn, as a local activity: it runs inside the workflow task that
   * received the model's answer, beside the transcript's save (decision 0014) and before the {@code
   * reply_sent} log, so a turn costs one activity task (the model) and three workflow tasks instead
   * of two and four (docs/decisions/0012-reply-send-as-local-activity.md). Same timeout and retry
   * budget as {@link #EXTERNAL}. Running it again after a lost workflow task is safe for the same
   * reason a regular retry is: the outbound ledger answers a recorded send, and a send whose first
   * attempt may have reached Evolution unrecorded is looked up in the chat before sending (decision
   * 0011).
   */
  public static final LocalActivityOptions LOCAL_EXTERNAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(EXTERNAL.getStartToCloseTimeout())
          .setRetryOptions(EXTERNAL.getRetryOptions())
          .build();

  /**
   * A stub for short calls to ClinicFlow's own database or memory: local activities in runs
   * recorded since {@link Changes#LOCAL_DATABASE}, regular ones in older runs. Call it from
   * workflow code at the same point on every run (in a run without the baseline, the first call
   * records the version marker).
   */
  public static <T> T local(Class<T> activities) {
    if (!Changes.isOn(Changes.LOCAL_DATABASE)) {
      return database(activities);
    }
    return Workflow.newLocalActivityStub(activities, LOCAL_DATABASE);
  }

  /** A local stub for a side effect that is safe to repeat ({@link #LOCAL_EXTERNAL}). */
  public static <T> T localExternal(Class<T> activities) {
    return Workflow.newLocalActivityStub(activities, LOCAL_EXTERNAL);
  }

  public static <T> T database(Class<T> activities) {
    return Workflow.newActivityStub(activities, DATABASE);
  }

  public static <T> T housekeeping(Class<T> activities) {
    return Workflow.newActivityStub(activities, HOUSEKEEPING);
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
