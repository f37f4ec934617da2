package com.clinicflow.workflows.common;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A long-lived workflow's idle timeout (a conversation's day, a staff chat's) with one timer per
 * run instead of one per wait.
 *
 * <p>Waiting with {@link Waits#await} after every turn started a day-long timer that the next
 * message cancelled: a {@code TimerStarted} and a {@code TimerCanceled} event in every message's
 * history, kept by the Temporal server for the run's life and read past by operators in the UI.
 * Here the first wait of a run starts the timer and later waits reuse it; when it fires before the
 * run has been idle for the whole timeout (a message came meanwhile), the wait starts a new timer
 * for what is left. A busy conversation thus records one timer a day instead of two events a
 * message, and goes idle exactly as before: {@code timeout} after its last wait began.
 *
 * <p>Workflow code. Runs recorded before {@link Changes#IDLE_TIMER_PER_RUN} wait with {@link
 * Waits#await}, as recorded.
 */
public final class IdleTimer {

  private final Duration timeout;
  private Promise<Void> timer;

  public IdleTimer(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Waits until {@code work} holds (true; it wins a tie with the timer) or the run has been idle
   * for the timeout since this call (false). A cancelled run's timer ends the wait as idle, as
   * {@link Waits#await} does.
   */
  public boolean await(Supplier<Boolean> work) {
    if (!Changes.isOn(Changes.IDLE_TIMER_PER_RUN)) {
      return Waits.await(timeout, work);
    }
    long idleUntil = Workflow.currentTimeMillis() + timeout.toMillis();
    while (!work.get()) {
      long left = idleUntil - Workflow.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      // A timer started by an earlier wait fires before this wait's deadline, never after it.
      if (timer == null || timer.isCompleted()) {
        timer = Workflow.newTimer(Duration.ofMillis(left));
        // A cancelled run fails the timer: expected, so observed here (Waits.Timer says why).
        timer.exceptionally(cancelled -> null);
      }
      Promise<Void> current = timer;
      Workflow.await(() -> work.get() || current.isCompleted());
      if (!work.get() && current.getFailure() != null) {
        return false;
      }
    }
    return true;
  }
}
