package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.testing.ConversationHarness;
import com.clinicflow.workflows.testing.FakeActivities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the histories that {@link PatientHandlerReplayTest} replays. Run it by hand (from the
 * IDE, or {@code java} with the test classpath) only when a history must be re-recorded on purpose:
 * a replay failure normally means a change broke running conversations, and the answer then is
 * {@code Workflow.getVersion}, not a new recording.
 */
public final class HistoryRecorder {

  /** The newest recording; older ones stay beside it and keep being replayed. */
  static final String LATEST = "patient-handler-quiet-timer-per-burst.json";

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(out);
    try (ConversationHarness h = new ConversationHarness()) {
      AtomicInteger calls = new AtomicInteger();
      h.fakes.llm.answer =
          r -> {
            if (calls.incrementAndGet() == 1) {
              ToolCall call = new ToolCall("c1", "echo", Map.of("day", "amanhã"));
              return new LlmReply(
                  new ChatMessage(ChatRole.MODEL, List.of(ChatPart.toolCall(call, "c2ln"))),
                  "",
                  List.of(call),
                  10,
                  2);
            }
            return FakeActivities.Llm.reply("Marcado para amanhã às 10h.");
          };
      String phone = "5511900000001";
      h.deliver("alpha", phone, h.text("alpha", phone, "m1", "Oi"));
      h.deliver("alpha", phone, h.text("alpha", phone, "m2", "quero marcar amanhã"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
      h.deliver(
          "alpha", phone, h.message("alpha", phone, "s1", MessageKind.TEXT, "Equipe aqui", true));
      h.settle();
      String json =
          h.client.fetchHistory(ConversationHarness.workflowId("alpha", phone)).toJson(true);
      Files.writeString(out.resolve(LATEST), json);
    }
  }
}
