package com.clinicflow.workflows.appointments;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A clinic's daily confirmation schedule: one long-running workflow per active clinic with a
 * calendar, id {@code confirmations:{tenant_id}} ({@link ConfirmationKeys#schedulerId}). It stands
 * in for a Temporal Schedule, which the embedded Temporal test server does not implement (see
 * docs/decisions/0009-confirmations-scheduler-workflow.md).
 *
 * <p>It reads the clinic's time zone and confirmation time, sleeps (a durable timer) until the next
 * local confirmation time, runs that evening's {@link DailyConfirmation} for the next day as a
 * child, and continues as new, so its history stays one day long. A worker that is down at the time
 * runs it when it comes back, as long as the day to confirm has not begun.
 *
 * <p>Created, updated and removed with the tenant: the application signals {@link #refresh} (with
 * signal-with-start) whenever a tenant changes; the scheduler re-reads the configuration, re-arms
 * its timer, and completes when the clinic is gone, inactive or has no calendar any more.
 */
@WorkflowInterface
public interface ConfirmationScheduler {

  @WorkflowMethod(name = "ConfirmationScheduler")
  void run(SchedulerState state);

  /** The clinic's configuration changed: read it again now. */
  @SignalMethod(name = "refresh")
  void refresh();

  @QueryMethod(name = "state")
  SchedulerView state();
}
