package com.clinicflow.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.testing.ProbeEnvironment;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Waits#await} in a run with the baseline: what it answers and which timers it leaves. */
class WaitsTest {

  static final Duration TIMEOUT = Duration.ofHours(1);

  /** What the probe waits for. */
  public enum Condition {
    /** Holds before the wait. */
    ALREADY,
    /** A signal. */
    SIGNAL,
    /** Workflow time reaching the timeout: comes true in the task where the timer fires. */
    DEADLINE,
    /** Never. */
    NEVER
  }

  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    boolean run(Condition condition, long timeoutMillis);

    @SignalMethod
    void arrive();
  }

  public static class ProbeImpl implements Probe {
    private boolean arrived;

    @Override
    public boolean run(Condition condition, long timeoutMillis) {
      Changes.startRun();
      long deadline = Workflow.currentTimeMillis() + timeoutMillis;
      Supplier<Boolean> holds =
          switch (condition) {
            case ALREADY -> () -> true;
            case SIGNAL -> () -> arrived;
            case DEADLINE -> () -> Workflow.currentTimeMillis() >= deadline;
            case NEVER -> () -> false;
          };
      return Waits.await(Duration.ofMillis(timeoutMillis), holds);
    }

    @Override
    public void arrive() {
      arrived = true;
    }
  }

  private final ProbeEnvironment env = new ProbeEnvironment(ProbeImpl.class);

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aConditionThatHoldsAlreadyStartsNoTimer() {
    assertThat(probe("already", Condition.ALREADY)).isTrue();

    assertThat(timerEvents("already")).isEmpty();
  }

  @Test
  void aConditionThatComesFirstCancelsTheTimer() {
    Probe probe = stub("signal");
    WorkflowClient.start(probe::run, Condition.SIGNAL, TIMEOUT.toMillis());
    arriveOnceWaiting(probe, "signal");

    assertThat(WorkflowStub.fromTyped(probe).getResult(Boolean.class)).isTrue();
    assertThat(timerEvents("signal"))
        .containsExactly(EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_CANCELED);
  }

  /**
   * A timer less than a minute from firing is left to fire: the embedded server refuses a task that
   * cancels a timer that fired while it ran, and the run can lose messages.
   */
  @Test
  void aShortTimerIsLeftToFire() {
    Probe probe = stub("short");
    WorkflowClient.start(probe::run, Condition.SIGNAL, Duration.ofSeconds(30).toMillis());
    arriveOnceWaiting(probe, "short");

    assertThat(WorkflowStub.fromTyped(probe).getResult(Boolean.class)).isTrue();
    // The run completed before its timer fired: started, neither fired nor cancelled.
    assertThat(timerEvents("short")).containsExactly(EventType.EVENT_TYPE_TIMER_STARTED);
  }

  /** The SDK's own await reports a timeout here. */
  @Test
  void theConditionWinsWhenItComesTrueAsTheTimerFires() {
    assertThat(probe("deadline", Condition.DEADLINE)).isTrue();

    assertThat(timerEvents("deadline"))
        .containsExactly(EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_FIRED);
  }

  @Test
  void aTimeoutIsReportedAsOne() {
    assertThat(probe("never", Condition.NEVER)).isFalse();

    assertThat(timerEvents("never"))
        .containsExactly(EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_FIRED);
  }

  private Probe stub(String workflowId) {
    return env.workflow(Probe.class, workflowId);
  }

  /**
   * Signals once the probe waits with its timer started: a signal that came with the start would
   * find the condition holding and no timer at all.
   */
  private void arriveOnceWaiting(Probe probe, String workflowId) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!timerEvents(workflowId).contains(EventType.EVENT_TYPE_TIMER_STARTED)) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("the probe never started its timer");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    probe.arrive();
  }

  private boolean probe(String workflowId, Condition condition) {
    return stub(workflowId).run(condition, TIMEOUT.toMillis());
  }

  private List<EventType> timerEvents(String workflowId) {
    return env.history(workflowId).stream()
        .map(HistoryEvent::getEventType)
        .filter(type -> type.name().startsWith("EVENT_TYPE_TIMER_"))
        .toList();
  }
}
