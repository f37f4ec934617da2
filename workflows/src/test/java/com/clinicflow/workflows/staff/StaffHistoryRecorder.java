package com.clinicflow.workflows.staff;

import com.clinicflow.workflows.testing.ConversationHarness;
import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.SignalPayloads;
import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the staff-chat histories that {@link InternalAssistantReplayTest} replays. Run it by hand
 * (from the IDE, or {@code java} with the test classpath) only when a history must be recorded on
 * purpose: a replay failure normally means a change broke running chats, and the answer then is
 * {@code Changes}, not a new recording.
 */
public final class StaffHistoryRecorder {

  /** The clinic {@code alpha}'s staff chat in the fakes. */
  static final long ALPHA_CHAT = -100L;

  static final String WORKFLOW_ID = StaffStart.workflowId("alpha", ALPHA_CHAT);

  /**
   * Recorded before staff voice notes were answered: a text answered by the agent, then an update
   * carrying a voice note (as an API that maps voice notes sends it) answered "text only".
   */
  static final String BEFORE_VOICE_NOTES = "internal-assistant-before-voice-notes.json";

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(out);
    try (ConversationHarness h = new ConversationHarness()) {
      h.fakes.llm.answer = r -> FakeActivities.Llm.reply("Hoje há 3 consultas.");
      h.staff("alpha", h.staffText(ALPHA_CHAT, 1, "agenda de hoje?"));
      h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
      // A voice note as an API of that release passed it on: without text.
      h.staff("alpha", h.staffText(ALPHA_CHAT, VOICE_UPDATE, null));
      h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 2);
      h.settle();
      WorkflowExecutionHistory history = h.client.fetchHistory(WORKFLOW_ID);
      Files.writeString(
          out.resolve(BEFORE_VOICE_NOTES),
          new WorkflowExecutionHistory(withVoiceNote(history.getHistory()), WORKFLOW_ID)
              .toJson(true));
    }
  }

  static final long VOICE_UPDATE = 2;

  /**
   * The history as a worker of that release recorded it when a newer API sent the voice note: its
   * update's payload also carries {@code voice}, which that worker's tolerant JSON ignored ({@code
   * TolerantJson}), so it answered "text only" all the same. The test environment's JSON is strict,
   * hence the field is added here rather than sent.
   */
  private static History withVoiceNote(History history) {
    return SignalPayloads.rewritten(
        history,
        json -> json.contains("\"update_id\":" + VOICE_UPDATE + ","),
        json ->
            json.substring(0, json.length() - 1)
                + ",\"voice\":{\"file_id\":\"AwACAgEAAxkBAAIBbWVoiceFileId\","
                + "\"mime_type\":\"audio/ogg\",\"duration_seconds\":4}}");
  }
}
