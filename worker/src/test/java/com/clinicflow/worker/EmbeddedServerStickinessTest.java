package com.clinicflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded server keeps sticky execution when its workers live in the same process (a cached
 * workflow's next task carries only new events: no replay) and drops it for workers elsewhere. A
 * workflow object is built again each time its history is replayed, so counting constructions shows
 * which one happened.
 */
class EmbeddedServerStickinessTest {

  private static final String QUEUE = "stickiness-test";
  private static final AtomicInteger constructions = new AtomicInteger();

  @WorkflowInterface
  public interface Pokes {
    @WorkflowMethod
    void run();

    @SignalMethod
    void poke();
  }

  public static class PokesImpl implements Pokes {
    private int pokes;

    public PokesImpl() {
      constructions.incrementAndGet();
    }

    @Override
    public void run() {
      Workflow.await(() -> pokes >= 3);
    }

    @Override
    public void poke() {
      pokes++;
    }
  }

  private ServerOnAPort temporal;
  private WorkerFactory workers;

  @AfterEach
  void stop() {
    workers.shutdownNow();
    temporal.close();
  }

  @Test
  void workersInTheSameProcessKeepTheirConversationsCached() throws Exception {
    assertThat(constructionsOverThreePokes(EmbeddedTemporalServer.Stickiness.ALLOWED)).isEqualTo(1);
  }

  @Test
  void workersElsewhereReplayEveryTaskFromTheSharedQueue() throws Exception {
    assertThat(constructionsOverThreePokes(EmbeddedTemporalServer.Stickiness.DROPPED))
        .isGreaterThanOrEqualTo(3);
  }

  private int constructionsOverThreePokes(EmbeddedTemporalServer.Stickiness stickiness)
      throws InterruptedException {
    temporal = ServerOnAPort.start(stickiness);
    WorkflowClient client = temporal.client;
    workers = WorkerFactory.newInstance(client);
    workers.newWorker(QUEUE).registerWorkflowImplementationTypes(PokesImpl.class);
    workers.start();
    constructions.set(0);

    Pokes pokes =
        client.newWorkflowStub(
            Pokes.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId("pokes-" + stickiness)
                .setWorkflowTaskTimeout(Duration.ofSeconds(10))
                .build());
    WorkflowClient.start(pokes::run);
    for (int i = 1; i <= 3; i++) {
      // Spaced out so that each poke is a workflow task of its own.
      Thread.sleep(300);
      pokes.poke();
    }
    client.newUntypedWorkflowStub("pokes-" + stickiness).getResult(Void.class);
    return constructions.get();
  }
}
