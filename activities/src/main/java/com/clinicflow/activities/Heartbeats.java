package com.clinicflow.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats for activities that spend a long time inside one blocking call (an LLM answer, a media
 * download), where the code cannot call {@code heartbeat()} itself.
 *
 * <p>Why: an activity that heartbeats can be given a short heartbeat timeout. When the worker
 * running it dies (SIGKILL, OOM, a lost machine), the server notices within that timeout and hands
 * the attempt to another worker, instead of waiting out the whole start-to-close timeout. Only the
 * stub that sets a heartbeat timeout gains from this; without one the heartbeats are harmless.
 *
 * <p>One shared daemon thread serves every running activity. That is enough because the SDK
 * throttles heartbeats: only an attempt's first one is a (short) call to the server on this thread;
 * later ones just record that the activity is alive, and the SDK sends them on its own threads.
 */
public final class Heartbeats {

  /** Well inside the shortest heartbeat timeout ClinicFlow uses (10 s on the LLM stub). */
  static final Duration INTERVAL = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "clinicflow-heartbeats");
            // Never keeps the JVM alive; the heartbeats only matter while an activity runs.
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Set while this thread's work is heartbeated: a nested call (media inside an LLM call) adds
   * none.
   */
  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

  private Heartbeats() {}

  /**
   * Runs {@code work} on the calling thread and, when that thread is running a Temporal activity,
   * heartbeats every {@link #INTERVAL} until the work returns or throws. Outside an activity (plain
   * unit tests, a direct call) it just runs the work.
   *
   * <p>A heartbeat that fails (the activity was cancelled, timed out, or the worker is shutting
   * down) stops this activity's heartbeats and leaves the work alone: its result is then simply
   * discarded by the server.
   */
  public static <T> T whileRunning(Supplier<T> work) {
    ActivityExecutionContext context = currentActivity();
    if (context == null || ACTIVE.get() != null) {
      return work.get();
    }
    ACTIVE.set(Boolean.TRUE);
    try {
      return whileRunning(work, context::heartbeat, INTERVAL);
    } finally {
      ACTIVE.remove();
    }
  }

  /** The core, with the heartbeat and its interval given: what the unit tests drive. */
  static <T> T whileRunning(Supplier<T> work, Beat beat, Duration interval) {
    AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
    ScheduledFuture<?> beats =
        SCHEDULER.scheduleAtFixedRate(
            () -> beatOnce(beat, self),
            interval.toMillis(),
            interval.toMillis(),
            TimeUnit.MILLISECONDS);
    self.set(beats);
    try {
      return work.get();
    } finally {
      beats.cancel(false);
    }
  }

  /**
   * Never lets an exception out: a periodic task that throws is silently never run again, and the
   * shared thread must keep serving the other activities whatever one of them does.
   */
  private static void beatOnce(Beat beat, AtomicReference<ScheduledFuture<?>> self) {
    try {
      beat.heartbeat(null);
    } catch (ActivityCompletionException e) {
      // Cancelled, timed out, reset or shutting down: further heartbeats would fail the same way.
      log.debug("Heartbeats stopped: {}", e.getClass().getSimpleName());
      cancel(self);
    } catch (RuntimeException e) {
      // e.g. the service briefly unreachable: the SDK recovers on a later heartbeat.
      log.debug("Heartbeat failed: {}", e.getClass().getName());
    }
  }

  private static void cancel(AtomicReference<ScheduledFuture<?>> self) {
    ScheduledFuture<?> future = self.get();
    if (future != null) {
      future.cancel(false);
    }
  }

  private static ActivityExecutionContext currentActivity() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return null;
    }
  }

  /** One heartbeat, as {@link ActivityExecutionContext#heartbeat(Object)} sends it. */
  @FunctionalInterface
  interface Beat {
    void heartbeat(Object details);
  }
}
