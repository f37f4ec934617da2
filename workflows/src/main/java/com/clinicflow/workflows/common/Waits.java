package com.clinicflow.workflows.common;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for a condition with a timeout, in workflow code, without leaving long timers behind.
 *
 * <p>The SDK's {@code Workflow.await(timeout, condition)} starts a timer on every call, even when
 * the condition already holds, and leaves it running when the condition comes first
 * (temporalio/sdk-java#2312, still so in 1.38). A conversation waits like that for its idle timeout
 * after every turn, so each turn left a 24-hour timer that the server kept and that later fired as
 * a workflow task with nothing to do. And when the timer fired in the same workflow task as the
 * condition came true, the SDK's await reported a timeout: a message that arrived at the very end
 * of the idle timeout completed the conversation instead of being answered.
 *
 * <p>Only a timer at least {@link #CANCEL_MARGIN} from firing is cancelled. A timer that fires
 * while the task that cancels it runs is a race a Temporal cluster resolves (it drops the fired
 * event), but the embedded test server refuses that task ("invalid history builder state") and the
 * run can lose the messages signalled meanwhile: seen with debounce timers under redelivered bursts
 * (bench {@code redelivery}, 3 of 900 messages, before {@link Changes#CANCEL_ONLY_DISTANT_TIMERS}).
 * A workflow task ends within its timeout (10 s), far inside the margin; short timers such as the
 * debounce's are left to fire, as the SDK leaves them.
 */
public final class Waits {

  /** How far from firing a timer must be to be cancelled (see the class comment). */
  static final Duration CANCEL_MARGIN = Duration.ofMinutes(1);

  private Waits() {}

  /**
   * Waits until {@code condition} holds or {@code timeout} passes. No timer when the condition
   * holds already; a timer still at least {@link #CANCEL_MARGIN} from firing is cancelled when the
   * condition comes first; the condition wins when both come in the same workflow task. Runs
   * recorded before {@link Changes#CANCELLED_WAIT_TIMERS} wait with the SDK's await, as recorded;
   * runs recorded before {@link Changes#CANCEL_ONLY_DISTANT_TIMERS} cancelled any timer.
   *
   * @return whether the condition holds (false: the timeout passed first)
   */
  public static boolean await(Duration timeout, Supplier<Boolean> condition) {
    if (!Changes.isOn(Changes.CANCELLED_WAIT_TIMERS)) {
      return Workflow.await(timeout, condition);
    }
    if (condition.get()) {
      return true;
    }
    long firesAt = Workflow.currentTimeMillis() + timeout.toMillis();
    Timer timer = new Timer();
    CancellationScope scope = Workflow.newCancellationScope(() -> timer.start(timeout));
    scope.run();
    Workflow.await(() -> timer.fired() || condition.get());
    boolean met = condition.get();
    if (met && !timer.fired() && cancellable(firesAt)) {
      scope.cancel();
    }
    return met;
  }

  private static boolean cancellable(long firesAtMillis) {
    return !Changes.isOn(Changes.CANCEL_ONLY_DISTANT_TIMERS)
        || firesAtMillis - Workflow.currentTimeMillis() >= CANCEL_MARGIN.toMillis();
  }

  /** The timer started inside the cancellation scope. */
  private static final class Timer {
    private Promise<Void> promise;

    void start(Duration timeout) {
      promise = Workflow.newTimer(timeout);
      // A cancelled timer fails its promise: expected, so observed here; unobserved, the SDK logs
      // a warning with a stack trace for each when the workflow leaves the cache.
      promise.exceptionally(cancelled -> null);
    }

    boolean fired() {
      return promise.isCompleted();
    }
  }
}
