package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.testing.ConversationHarness;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Records histories of turns that needed attention, which {@link PatientHandlerReplayTest} replays:
 * one recorded before operators could skip a turn (an operator's {@code skip} reached a worker that
 * had no such signal and kept waiting, until a {@code retry} re-ran the turn), and one whose turn
 * was tried again by itself twice ({@code Changes.AUTOMATIC_RETRY}), and one whose patient staff
 * answered from Telegram while it waited ({@code Changes.STAFF_MESSAGES_WHILE_WAITING}). Run it by
 * hand only when a history must be recorded on purpose (see {@link PhotoHistoryRecorder}).
 */
public final class OperatorHistoryRecorder {

  static final String PHONE = "5511900000004";

  static final String WORKFLOW_ID = ConversationHarness.workflowId("alpha", PHONE);

  static final String BEFORE_SKIP = "patient-handler-before-skip.json";

  static final String AUTOMATIC_RETRY = "patient-handler-automatic-retry.json";

  static final String STAFF_WHILE_WAITING = "patient-handler-staff-message-while-waiting.json";

  /** Records each history whose file is missing: delete one to record it again on purpose. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(out);
    if (!Files.exists(out.resolve(BEFORE_SKIP))) {
      recordBeforeSkip(out.resolve(BEFORE_SKIP));
    }
    if (!Files.exists(out.resolve(AUTOMATIC_RETRY))) {
      recordAutomaticRetry(out.resolve(AUTOMATIC_RETRY));
    }
    if (!Files.exists(out.resolve(STAFF_WHILE_WAITING))) {
      recordStaffMessageWhileWaiting(out.resolve(STAFF_WHILE_WAITING));
    }
  }

  private static void recordBeforeSkip(Path file) throws Exception {
    try (ConversationHarness h = new ConversationHarness()) {
      h.fakes.llm.failFirst(
          ActivityStubs.LLM_ATTEMPTS, OperatorHistoryRecorder::http500, "Desculpe a demora!");
      h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
      h.settle();
      h.client.newUntypedWorkflowStub(WORKFLOW_ID).signal("skip", Map.of("requested_by", "ana"));
      h.settle();
      h.conversation("alpha", PHONE).retry(new OperatorRetry("ana"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
      h.settle();
      write(h, file);
    }
  }

  /** Gemini down for half an hour: the fallback, a failed automatic retry, then the answer. */
  private static void recordAutomaticRetry(Path file) throws Exception {
    try (ConversationHarness h = new ConversationHarness()) {
      h.fakes.llm.failFirst(
          2 * ActivityStubs.LLM_ATTEMPTS, OperatorHistoryRecorder::http500, "Desculpe a demora!");
      h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
      h.pass(Duration.ofMinutes(40));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
      h.settle();
      write(h, file);
    }
  }

  /** Staff answer a waiting patient from Telegram, then skip the turn; a later message. */
  private static void recordStaffMessageWhileWaiting(Path file) throws Exception {
    try (ConversationHarness h = new ConversationHarness()) {
      h.fakes.llm.failFirst(ActivityStubs.LLM_ATTEMPTS, OperatorHistoryRecorder::http500, "Oi!");
      h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Posso remarcar?"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
      h.staffMessage(
          "alpha", PHONE, new StaffOutbound("k-1", "Pode sim, amanhã às 10h", "staff:alpha:-100"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
      h.pass(Duration.ofMinutes(10));
      h.conversation("alpha", PHONE).skip(new OperatorSkip("staff:alpha:-100"));
      h.settle();
      h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Obrigada"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 3);
      h.settle();
      write(h, file);
    }
  }

  private static void write(ConversationHarness h, Path file) throws Exception {
    WorkflowExecutionHistory history = h.client.fetchHistory(WORKFLOW_ID);
    Files.writeString(file, history.toJson(true));
  }

  private static ApplicationFailure http500() {
    return ApplicationFailure.newFailure("HTTP 500", "UPSTREAM_UNAVAILABLE");
  }
}
