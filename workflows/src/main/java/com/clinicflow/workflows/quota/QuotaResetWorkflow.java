package com.clinicflow.workflows.quota;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Resets message quotas at the start of each clinic's quota period (midnight of the 1st in the
 * clinic's own time zone), for ever: one durable workflow with the fixed id {@link #WORKFLOW_ID},
 * started idempotently by every worker at start-up.
 *
 * <p>Each round calls {@link QuotaActivities#resetExpiredQuotas} (which resets every clinic whose
 * period has ended and says when the next period of any clinic begins) and {@code
 * HousekeepingActivities#pruneExpired} (ledgers and activity log past their retention), then sleeps
 * until that instant, but never longer than {@link QuotaResetSchedule#maxSleep()}, so that a clinic
 * added in an earlier time zone meanwhile is still reset on time. The history stays small: the
 * workflow continues as new after {@link QuotaResetSchedule#roundsPerRun()} rounds. A round whose
 * activity fails past its retry budget is logged and tried again after a short pause; the workflow
 * itself never fails for it.
 *
 * <p>Why a workflow and not a Temporal Schedule: docs/decisions/0006-quota-reset-workflow.md.
 * Counting never depends on this reset: {@code increment_message_count} rolls an ended period over
 * by itself; the reset keeps the shown usage right for clinics with no traffic.
 */
@WorkflowInterface
public interface QuotaResetWorkflow {

  /** The one id of this workflow: a second start finds the running one. */
  String WORKFLOW_ID = "quota-reset";

  @WorkflowMethod
  void run(QuotaResetSchedule schedule);
}
