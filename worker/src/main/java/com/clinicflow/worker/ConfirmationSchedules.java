package com.clinicflow.worker;

import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.workflows.appointments.ConfirmationKeys;
import com.clinicflow.workflows.appointments.ConfirmationOutcome;
import com.clinicflow.workflows.appointments.ConfirmationRun;
import com.clinicflow.workflows.appointments.ConfirmationScheduler;
import com.clinicflow.workflows.appointments.DailyConfirmation;
import com.clinicflow.workflows.appointments.SchedulerState;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link ConfirmationScheduler} per clinic that wants daily confirmations (active, with a
 * calendar), the port for "the tenant changed": call {@link #sync} after any write to a tenant
 * (create, update, activate, deactivate, delete) and the clinic's scheduler is created, re-read or
 * ended to match. In the worker role {@link TenantScheduleSync} calls it for every change the
 * database announces, whoever made it, so callers need not; an explicit call is harmless (it is
 * idempotent).
 *
 * <p>Safe from any role that has a {@link WorkflowClient}: it only starts and signals workflows.
 */
public class ConfirmationSchedules {

  private static final Logger log = LoggerFactory.getLogger(ConfirmationSchedules.class);

  private final WorkflowClient client;
  private final String taskQueue;
  private final TenantRepository tenants;

  public ConfirmationSchedules(WorkflowClient client, String taskQueue, TenantRepository tenants) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.tenants = tenants;
  }

  /**
   * Brings the clinic's scheduler in line with its configuration now. A clinic that wants
   * confirmations gets its scheduler started, or refreshed if it runs (signal-with-start of {@code
   * refresh}); for any other clinic a running scheduler is told to refresh, reads that it is no
   * longer wanted, and ends.
   */
  public void sync(String tenantId) {
    Optional<TenantConfig> tenant = tenants.findById(tenantId);
    if (tenant.isPresent() && wantsConfirmations(tenant.get())) {
      ConfirmationScheduler scheduler =
          client.newWorkflowStub(
              ConfirmationScheduler.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(taskQueue)
                  .setWorkflowId(ConfirmationKeys.schedulerId(tenantId))
                  .build());
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(scheduler::run, SchedulerState.fresh(tenantId));
      request.add(scheduler::refresh);
      client.signalWithStart(request);
      return;
    }
    try {
      client
          .newWorkflowStub(ConfirmationScheduler.class, ConfirmationKeys.schedulerId(tenantId))
          .refresh();
    } catch (WorkflowNotFoundException notRunning) {
      // nothing to stop
    }
  }

  /**
   * Syncs every clinic that wants confirmations: at start-up (an embedded Temporal server starts
   * empty) and whenever change notifications may have been missed.
   *
   * @return how many schedulers were started or refreshed
   */
  public int syncAll() {
    int synced = 0;
    for (TenantConfig tenant : tenants.list(true, null)) {
      if (!wantsConfirmations(tenant)) {
        continue;
      }
      try {
        sync(tenant.tenantId());
        synced++;
      } catch (RuntimeException e) {
        log.warn(
            "Could not sync the confirmation scheduler of tenant {} ({})",
            tenant.tenantId(),
            e.getClass().getSimpleName());
      }
    }
    return synced;
  }

  /**
   * Runs (or joins, if it is running) the confirmation run of {@code date} for the clinic now and
   * waits for its outcome: for operators and tests. A rerun sends nothing twice.
   */
  public ConfirmationOutcome runNow(String tenantId, LocalDate date) {
    DailyConfirmation run =
        client.newWorkflowStub(
            DailyConfirmation.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(ConfirmationKeys.runId(tenantId, date))
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return run.run(new ConfirmationRun(tenantId, date));
  }

  static boolean wantsConfirmations(TenantConfig tenant) {
    return tenant.active()
        && tenant.googleCalendarId() != null
        && !tenant.googleCalendarId().isBlank();
  }
}
