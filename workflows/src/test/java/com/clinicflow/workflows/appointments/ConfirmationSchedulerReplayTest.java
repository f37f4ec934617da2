package com.clinicflow.workflows.appointments;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded scheduler histories against today's workflow code. A failure here means a change
 * would break the schedulers running in production, one per clinic: guard it with {@code
 * Workflow.getVersion} instead of re-recording ({@link ConfirmationHistoryRecorder}).
 */
class ConfirmationSchedulerReplayTest {

  /** Recorded before a refresh cancelled the timer of the wait it replaced (no version marker). */
  @Test
  void aSchedulerRecordedBeforeItsWaitsCancelledTheirTimersStillReplays() throws Exception {
    assertReplays("histories/confirmation-scheduler-before-baseline.json");
  }

  /** Recorded with the baseline marker: the refresh cancels the replaced wait's timer. */
  @Test
  void aSchedulerWhoseRefreshCancelsTheReplacedTimerStillReplays() throws Exception {
    assertReplays("histories/" + ConfirmationHistoryRecorder.LATEST);
  }

  private static void assertReplays(String resource) throws IOException {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(
            resource(resource), ConfirmationKeys.schedulerId("alpha"));
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecution(history, ConfirmationSchedulerImpl.class))
        .doesNotThrowAnyException();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in =
        ConfirmationSchedulerReplayTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
