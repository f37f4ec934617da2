package com.clinicflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded server must not grow with the work it has done: the test server's clock logs an
 * event for every activity's time-skipping lock and never drops it, which made every later unlock
 * slower (see {@link TimeSkippingDiagnostics}).
 */
class EmbeddedTemporalServerTest {

  private static final String QUEUE = "embedded-server-test";

  @ActivityInterface
  public interface Steps {
    int step(int n);
  }

  @WorkflowInterface
  public interface Chain {
    @WorkflowMethod
    int run(int steps);
  }

  public static class ChainImpl implements Chain {
    private final Steps steps =
        Workflow.newActivityStub(
            Steps.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public int run(int count) {
      int total = 0;
      for (int i = 0; i < count; i++) {
        total += steps.step(i);
      }
      return total;
    }
  }

  private ServerOnAPort temporal;
  private WorkerFactory workers;

  @BeforeEach
  void start() {
    temporal = ServerOnAPort.start(EmbeddedTemporalServer.Stickiness.ALLOWED);
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    temporal.close();
  }

  @Test
  void keepsNoLockEventsOfFinishedActivities() throws Exception {
    WorkflowClient client = temporal.client;
    workers = WorkerFactory.newInstance(client);
    Worker worker = workers.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ChainImpl.class);
    worker.registerActivitiesImplementations((Steps) n -> n);
    workers.start();

    for (int run = 0; run < 5; run++) {
      Chain chain =
          client.newWorkflowStub(
              Chain.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
      assertThat(chain.run(20)).isEqualTo(190);
    }

    // 100 activities done; the unpatched test server holds ~2 events for each.
    assertThat(temporal.server.retainedLockEvents()).isZero();
  }
}
