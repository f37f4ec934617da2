package com.clinicflow.worker;

import com.clinicflow.workflows.quota.QuotaResetSchedule;
import com.clinicflow.workflows.quota.QuotaResetWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@code quota-reset} workflow when a worker starts, unless it is running already: every
 * worker of a deployment tries, exactly one run exists. A run that ended (terminated by an
 * operator, lost with an in-memory server) is started again by the next worker start.
 */
public class QuotaResetStarter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(QuotaResetStarter.class);

  private final WorkflowClient client;
  private final String taskQueue;
  private volatile boolean running;

  public QuotaResetStarter(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /**
   * Starts the workflow or finds it running.
   *
   * @return the run id of the running workflow
   */
  public String ensureRunning() {
    QuotaResetWorkflow workflow =
        client.newWorkflowStub(
            QuotaResetWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(QuotaResetWorkflow.WORKFLOW_ID)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      return WorkflowClient.start(workflow::run, QuotaResetSchedule.standard()).getRunId();
    } catch (WorkflowExecutionAlreadyStarted e) {
      // A server without conflict policies answers this way: it is running, which is the goal.
      return e.getExecution().getRunId();
    }
  }

  @Override
  public void start() {
    try {
      String runId = ensureRunning();
      log.info("Quota reset workflow '{}' running (run {})", QuotaResetWorkflow.WORKFLOW_ID, runId);
    } catch (RuntimeException e) {
      // Counting never depends on the reset (an ended period rolls over at the next message);
      // a worker that cannot reach Temporal now has bigger problems and says so itself.
      log.warn(
          "Could not start the quota reset workflow ({}); the next worker start tries again",
          e.getClass().getSimpleName());
    }
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** With the worker: after everything the process needs is up. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
