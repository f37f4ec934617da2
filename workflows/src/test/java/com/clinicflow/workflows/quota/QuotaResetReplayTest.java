package com.clinicflow.workflows.quota;

import com.clinicflow.workflows.testing.Replays;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded quota-reset histories against today's workflow code. The workflow runs for ever
 * (continuing as new every two days): a change that does not replay breaks the running one in every
 * deployment. Guard it with {@code Changes} instead of re-recording ({@link QuotaHistoryRecorder}).
 */
class QuotaResetReplayTest {

  /** Rounds recorded before they pruned: they replay without the pruning activity. */
  @Test
  void roundsRecordedBeforeThePruningStillReplay() {
    assertReplays(QuotaHistoryRecorder.BEFORE_PRUNING);
  }

  @Test
  void roundsThatPruneReplay() {
    assertReplays(QuotaHistoryRecorder.LATEST);
  }

  private static void assertReplays(String file) {
    Replays.assertReplays(
        "histories/" + file, QuotaResetWorkflow.WORKFLOW_ID, QuotaResetWorkflowImpl.class);
  }
}
