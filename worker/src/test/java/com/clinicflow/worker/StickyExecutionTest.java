package com.clinicflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.ConversationView;
import com.clinicflow.workflows.patient.PatientHandler;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workers of a split deployment come and go while the embedded {@code temporal} role stays up. That
 * server (Temporal's test server) never takes a task back from a stopped worker's sticky queue, so
 * with sticky execution on, a conversation the old worker had cached could never be reached again
 * (measured by bench/run.sh crash). With {@code clinicflow.temporal.sticky-execution=false} the
 * next worker serves it.
 */
class StickyExecutionTest {

  private static final String QUEUE = "sticky-test";

  private ServerOnAPort temporal;
  private WorkflowClient client;

  @BeforeEach
  void server() {
    temporal = ServerOnAPort.start(EmbeddedTemporalServer.Stickiness.DROPPED);
    client = temporal.client;
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  private ClinicFlowWorker worker() {
    ClinicFlowWorker worker =
        new ClinicFlowWorker(
            client,
            QUEUE,
            new ThreadingMode(false, 17),
            List.of(),
            new ClinicFlowWorker.Tuning(false, 600, Duration.ofSeconds(5)));
    worker.start();
    return worker;
  }

  @Test
  void aConversationCachedByAWorkerThatStoppedIsServedByTheNextOne() {
    ClinicFlowWorker first = worker();
    PatientHandler conversation =
        client.newWorkflowStub(
            PatientHandler.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId("patient:clinic:5511900000001")
                .build());
    WorkflowClient.start(
        conversation::run,
        ConversationStart.fresh(
            "clinic", "5511900000001", "inst", ConversationSettings.defaults()));
    // The first worker runs the conversation's first task (and caches it), then goes away.
    assertThat(conversation.state().contact()).isEqualTo("5511900000001");
    first.stop();

    ClinicFlowWorker second = worker();
    try {
      ConversationView view = conversation.state(); // a query: needs a worker to run the workflow
      assertThat(view.tenantId()).isEqualTo("clinic");
      assertThat(view.pendingMessages()).isZero();
    } finally {
      second.stop();
    }
  }
}
