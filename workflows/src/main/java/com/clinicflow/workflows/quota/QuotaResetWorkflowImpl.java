package com.clinicflow.workflows.quota;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.housekeeping.HousekeepingActivities;
import com.clinicflow.workflows.housekeeping.PruneRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/** See {@link QuotaResetWorkflow}. */
public class QuotaResetWorkflowImpl implements QuotaResetWorkflow {

  private static final Logger log = Workflow.getLogger(QuotaResetWorkflowImpl.class);

  // Never spin: a boundary that is (by the database's clock) still a moment away is slept to with
  // at least this much, and the next round finds it passed.
  static final Duration MIN_SLEEP = Duration.ofSeconds(1);

  private final QuotaActivities quotas = ActivityStubs.database(QuotaActivities.class);
  private final HousekeepingActivities housekeeping =
      ActivityStubs.housekeeping(HousekeepingActivities.class);

  @Override
  public void run(QuotaResetSchedule schedule) {
    for (int round = 0; round < schedule.roundsPerRun(); round++) {
      Workflow.sleep(oneRound(schedule));
    }
    Workflow.continueAsNew(schedule);
  }

  /** Resets what has ended and returns how long to sleep before the next round. */
  private Duration oneRound(QuotaResetSchedule schedule) {
    QuotaResetReport report;
    try {
      report = quotas.resetExpiredQuotas(new QuotaResetRequest(Workflow.getInfo().getWorkflowId()));
    } catch (ActivityFailure e) {
      // The database stayed away past the activity's retry budget. Counting does not depend on
      // this reset, so waiting a little and trying again is all there is to do.
      log.warn("Quota reset round failed; trying again in {}", schedule.retryPause());
      return schedule.retryPause();
    }
    if (report.tenantsReset() > 0) {
      log.info("Quota reset: {} clinic(s) started a new period", report.tenantsReset());
    }
    if (Changes.isOn(Changes.LEDGER_PRUNING)) {
      prune();
    }
    return sleepUntil(report.nextPeriodStart(), schedule.maxSleep());
  }

  /**
   * Deletes what has outlived its retention; a failure waits for the next round. The counts are in
   * the activity's result and the worker's log ({@code LedgerPruning}).
   */
  private void prune() {
    try {
      housekeeping.pruneExpired(new PruneRequest(Workflow.getInfo().getWorkflowId()));
    } catch (ActivityFailure e) {
      // Nothing depends on it this hour: the rows are only older than they need to be.
      log.warn("Pruning failed; the next round tries again");
    }
  }

  private static Duration sleepUntil(Instant next, Duration maxSleep) {
    if (next == null) {
      return maxSleep;
    }
    Duration untilNext = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), next);
    if (untilNext.compareTo(MIN_SLEEP) < 0) {
      return MIN_SLEEP;
    }
    return untilNext.compareTo(maxSleep) < 0 ? untilNext : maxSleep;
  }
}
