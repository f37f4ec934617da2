package com.clinicflow.workflows.common;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for a condition with a timeout, in workflow code, without leaving timers behind.
 *
 * <p>The SDK's {@code Workflow.await(timeout, condition)} starts a timer on every call, even when
 * the condition already holds, and leaves it running when the condition comes first
 * (temporalio/sdk-java#2312, still so in 1.38). A conversation waits like that for its idle timeout
 * after every turn, so each turn left a 24-hour timer that the server kept and that later fired as
 * a workflow task with nothing to do; each message of a burst left a debounce timer that woke the
 * conversation once more. And when the timer fired in the same workflow task as the condition came
 * true, the SDK's await reported a timeout: a message that arrived at the very end of the idle
 * timeout completed the conversation instead of being answered.
 */
public final class Waits {

  private Waits() {}

  /**
   * Waits until {@code condition} holds or {@code timeout} passes. No timer when the condition
   * holds already; the timer is cancelled when the condition comes first; the condition wins when
   * both come in the same workflow task. Runs recorded before {@link Changes#CANCELLED_WAIT_TIMERS}
   * wait with the SDK's await, as recorded.
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
    Timer timer = new Timer();
    CancellationScope scope = Workflow.newCancellationScope(() -> timer.start(timeout));
    scope.run();
    Workflow.await(() -> timer.fired() || condition.get());
    boolean met = condition.get();
    if (met && !timer.fired()) {
      scope.cancel();
    }
    return met;
  }

  /** The timer started inside the cancellation scope. */
  private static final class Timer {
    private Promise<Void> promise;

    void start(Duration timeout) {
      promise = Workflow.newTimer(timeout);
    }

    boolean fired() {
      return promise.isCompleted();
    }
  }
}
