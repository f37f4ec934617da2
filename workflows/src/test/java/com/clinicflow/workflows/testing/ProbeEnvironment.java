package com.clinicflow.workflows.testing;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;

/**
 * Temporal's test environment with one worker for small probe workflows: tests of workflow-side
 * helpers ({@code Changes}, {@code Waits}) that look at what a run records.
 */
public final class ProbeEnvironment implements AutoCloseable {

  private static final String TASK_QUEUE = "probes";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  public ProbeEnvironment(Class<?>... workflowImplementations) {
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(workflowImplementations);
    env.start();
  }

  /** A stub that starts workflow {@code workflowId} on the probes' worker. */
  public <T> T workflow(Class<T> workflowInterface, String workflowId) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            workflowInterface,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TASK_QUEUE)
                .build());
  }

  public List<HistoryEvent> history(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId).getEvents();
  }

  @Override
  public void close() {
    env.close();
  }
}
