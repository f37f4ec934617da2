package com.clinicflow.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
    boolean run(Condition condition);

    @SignalMethod
    void arrive();
  }

  public static class ProbeImpl implements Probe {
    private boolean arrived;

    @Override
    public boolean run(Condition condition) {
      Changes.startRun();
      long deadline = Workflow.currentTimeMillis() + TIMEOUT.toMillis();
      Supplier<Boolean> holds =
          switch (condition) {
            case ALREADY -> () -> true;
            case SIGNAL -> () -> arrived;
            case DEADLINE -> () -> Workflow.currentTimeMillis() >= deadline;
            case NEVER -> () -> false;
          };
      return Waits.await(TIMEOUT, holds);
    }

    @Override
    public void arrive() {
      arrived = true;
    }
  }

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("waits");
    worker.registerWorkflowImplementationTypes(ProbeImpl.class);
    env.start();
    client = env.getWorkflowClient();
  }

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
    WorkflowClient.start(probe::run, Condition.SIGNAL);
    probe.arrive();

    assertThat(WorkflowStub.fromTyped(probe).getResult(Boolean.class)).isTrue();
    assertThat(timerEvents("signal"))
        .containsExactly(EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_CANCELED);
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
    return client.newWorkflowStub(
        Probe.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("waits").build());
  }

  private boolean probe(String workflowId, Condition condition) {
    return stub(workflowId).run(condition);
  }

  private List<EventType> timerEvents(String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .map(HistoryEvent::getEventType)
        .filter(type -> type.name().startsWith("EVENT_TYPE_TIMER_"))
        .toList();
  }
}
