package com.clinicflow.workflows.quota;

import com.clinicflow.workflows.housekeeping.HousekeepingActivities;
import com.clinicflow.workflows.housekeeping.PruneReport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Records the histories that {@link QuotaResetReplayTest} replays: three hourly rounds of the quota
 * reset, one of them resetting a clinic. Run it by hand (from the IDE, or {@code java} with the
 * test classpath) only when a history must be recorded on purpose: it writes only files that are
 * missing, and a replay failure normally means a change broke the running reset, whose answer is
 * {@code Changes}.
 *
 * @see com.clinicflow.workflows.patient.HistoryRecorder
 */
public final class QuotaHistoryRecorder {

  /** Recorded on the workflow before its rounds pruned the ledgers. */
  static final String BEFORE_PRUNING = "quota-reset-before-pruning.json";

  /** The newest recording: rounds that prune ({@code Changes.LEDGER_PRUNING}). */
  static final String LATEST = "quota-reset-pruning.json";

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    String file = args.length > 1 ? args[1] : LATEST;
    Files.createDirectories(out);
    if (Files.exists(out.resolve(file))) {
      System.out.println(file + " exists; not recorded again");
      return;
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Instant boundary = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(90));
      Worker worker = env.newWorker("clinicflow");
      worker.registerWorkflowImplementationTypes(QuotaResetWorkflowImpl.class);
      worker.registerActivitiesImplementations(new RecordedQuotas(env, boundary));
      registerMoreActivities(worker);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      QuotaResetWorkflow workflow =
          client.newWorkflowStub(
              QuotaResetWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue("clinicflow")
                  .setWorkflowId(QuotaResetWorkflow.WORKFLOW_ID)
                  .build());
      WorkflowClient.start(workflow::run, QuotaResetSchedule.standard());
      env.sleep(Duration.ofMinutes(150));
      Files.writeString(
          out.resolve(file), client.fetchHistory(QuotaResetWorkflow.WORKFLOW_ID).toJson(true));
    }
  }

  /** Activities the workflow calls besides the quotas'. */
  private static void registerMoreActivities(Worker worker) {
    worker.registerActivitiesImplementations(
        (HousekeepingActivities) request -> new PruneReport(12, 3, 0, 0, 40, 0, 0, false));
  }

  /** One clinic whose next period begins at {@code boundary}. */
  private record RecordedQuotas(TestWorkflowEnvironment env, Instant boundary)
      implements QuotaActivities {
    @Override
    public QuotaResetReport resetExpiredQuotas(QuotaResetRequest request) {
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      boolean passed = !now.isBefore(boundary);
      return new QuotaResetReport(
          passed ? 1 : 0, passed ? boundary.plus(Duration.ofDays(30)) : boundary);
    }
  }
}
