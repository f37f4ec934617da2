package com.clinicflow.workflows.appointments;

import com.clinicflow.workflows.testing.Replays;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded scheduler histories against today's workflow code. A failure here means a change
 * would break the schedulers running in production, one per clinic: guard it with {@code
 * Workflow.getVersion} instead of re-recording ({@link ConfirmationHistoryRecorder}).
 */
class ConfirmationSchedulerReplayTest {

  /** Recorded before a refresh cancelled the timer of the wait it replaced (no version marker). */
  @Test
  void aSchedulerRecordedBeforeItsWaitsCancelledTheirTimersStillReplays() {
    assertReplays("histories/confirmation-scheduler-before-baseline.json");
  }

  /** Recorded with the baseline marker: the refresh cancels the replaced wait's timer. */
  @Test
  void aSchedulerWhoseRefreshCancelsTheReplacedTimerStillReplays() {
    assertReplays("histories/" + ConfirmationHistoryRecorder.LATEST);
  }

  private static void assertReplays(String resource) {
    Replays.assertReplays(
        resource, ConfirmationKeys.schedulerId("alpha"), ConfirmationSchedulerImpl.class);
  }
}
