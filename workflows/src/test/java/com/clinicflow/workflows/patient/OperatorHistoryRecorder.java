package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.testing.ConversationHarness;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Records the history of a turn that needed attention, recorded before operators could skip one,
 * which {@link PatientHandlerReplayTest} replays: an operator's {@code skip} reached a worker that
 * had no such signal and kept waiting, until a {@code retry} re-ran the turn. Run it by hand only
 * when the history must be recorded on purpose (see {@link PhotoHistoryRecorder}).
 */
public final class OperatorHistoryRecorder {

  static final String PHONE = "5511900000004";

  static final String WORKFLOW_ID = ConversationHarness.workflowId("alpha", PHONE);

  static final String BEFORE_SKIP = "patient-handler-before-skip.json";

  /** Records the history when its file is missing: delete it to record it again on purpose. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(out);
    if (Files.exists(out.resolve(BEFORE_SKIP))) {
      return;
    }
    try (ConversationHarness h = new ConversationHarness()) {
      h.fakes.llm.failFirst(
          ActivityStubs.LLM_ATTEMPTS,
          () -> ApplicationFailure.newFailure("HTTP 500", "UPSTREAM_UNAVAILABLE"),
          "Desculpe a demora!");
      h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
      h.settle();
      h.client.newUntypedWorkflowStub(WORKFLOW_ID).signal("skip", Map.of("requested_by", "ana"));
      h.settle();
      h.conversation("alpha", PHONE).retry(new OperatorRetry("ana"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
      h.settle();
      WorkflowExecutionHistory history = h.client.fetchHistory(WORKFLOW_ID);
      Files.writeString(out.resolve(BEFORE_SKIP), history.toJson(true));
    }
  }
}
