package com.clinicflow.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.ActivityCanceledException;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {

  private static final Duration FAST = Duration.ofMillis(50);

  @ActivityInterface
  public interface SlowWork {
    String work();
  }

  @Test
  void heartbeatsReachTemporalWhileAnActivityWaits() {
    AtomicInteger heartbeats = new AtomicInteger();
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      temporal.setActivityHeartbeatListener(Object.class, details -> heartbeats.incrementAndGet());
      // Blocks for longer than one interval without calling heartbeat() itself, like an LLM call.
      temporal.registerActivitiesImplementations(
          (SlowWork)
              () -> Heartbeats.whileRunning(() -> sleep(Heartbeats.INTERVAL.plusMillis(700))));
      SlowWork stub =
          temporal.newActivityStub(
              SlowWork.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setHeartbeatTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());

      assertThat(stub.work()).isEqualTo("done");
    } finally {
      temporal.close();
    }
    assertThat(heartbeats.get()).isPositive();
  }

  @Test
  void outsideAnActivityTheWorkJustRunsOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    AtomicReference<Thread> ranOn = new AtomicReference<>();

    String result =
        Heartbeats.whileRunning(
            () -> {
              ranOn.set(Thread.currentThread());
              return "plain";
            });

    assertThat(result).isEqualTo("plain");
    assertThat(ranOn.get()).isSameAs(caller);
  }

  @Test
  void beatsRepeatWhileTheWorkRunsAndStopWhenItReturns() {
    AtomicInteger beats = new AtomicInteger();

    Heartbeats.whileRunning(() -> sleep(FAST.multipliedBy(6)), d -> beats.incrementAndGet(), FAST);
    sleep(FAST); // lets a beat that had already begun at the return finish counting
    int afterReturn = beats.get();
    sleep(FAST.multipliedBy(4));

    assertThat(afterReturn).isGreaterThanOrEqualTo(2);
    assertThat(beats.get()).isEqualTo(afterReturn);
  }

  @Test
  void beatsStopWhenTheWorkThrowsAndTheFailureIsTheWorks() {
    AtomicInteger beats = new AtomicInteger();

    assertThatThrownBy(
            () ->
                Heartbeats.whileRunning(
                    () -> {
                      sleep(FAST.multipliedBy(3));
                      throw new IllegalStateException("gemini down");
                    },
                    d -> beats.incrementAndGet(),
                    FAST))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gemini down");
    sleep(FAST);
    int atThrow = beats.get();
    sleep(FAST.multipliedBy(4));

    assertThat(beats.get()).isEqualTo(atThrow);
  }

  @Test
  void aCancelledActivityStopsItsOwnBeatsButNotTheWorkNorOtherActivities() {
    AtomicInteger cancelledBeats = new AtomicInteger();
    AtomicInteger healthyBeats = new AtomicInteger();

    // The SDK throws ActivityCompletionException from heartbeat() once the attempt is cancelled
    // or timed out: that activity's beats end, the work finishes, the shared thread lives on.
    String cancelled =
        Heartbeats.whileRunning(
            () -> sleep(FAST.multipliedBy(5)),
            d -> {
              cancelledBeats.incrementAndGet();
              throw new ActivityCanceledException();
            },
            FAST);
    Heartbeats.whileRunning(
        () -> sleep(FAST.multipliedBy(5)), d -> healthyBeats.incrementAndGet(), FAST);

    assertThat(cancelled).isEqualTo("done");
    assertThat(cancelledBeats.get()).isEqualTo(1);
    assertThat(healthyBeats.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anUnexpectedHeartbeatErrorIsToleratedAndBeatingGoesOn() {
    AtomicInteger attempts = new AtomicInteger();

    Heartbeats.whileRunning(
        () -> sleep(FAST.multipliedBy(6)),
        d -> {
          attempts.incrementAndGet();
          throw new IllegalStateException("service briefly unreachable");
        },
        FAST);

    assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
  }

  private static String sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return "done";
  }
}
