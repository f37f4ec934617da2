package com.clinicflow.workflows.patient;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded conversation histories against today's workflow code. A failure here means a
 * change would break conversations that are running in production: guard it with {@code
 * Workflow.getVersion} instead of re-recording.
 */
class PatientHandlerReplayTest {

  @Test
  void aBurstWithAToolCallAndAStaffHandoffStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/patient-handler-tool-turn-and-handoff.json", PatientHandlerImpl.class);
  }
}
