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

  /**
   * Recorded before staff photos and PDFs were looked at: a text answered by the agent, then an
   * update carrying a photo (as an API that maps photos sends it) answered "text and voice only" by
   * a worker that did not know the attachment.
   */
  static final String BEFORE_ATTACHMENTS = "internal-assistant-before-attachments.json";

  /** Records the histories whose files are missing: delete one to record it again on purpose. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(out);
    if (!Files.exists(out.resolve(BEFORE_VOICE_NOTES))) {
      record(
          out.resolve(BEFORE_VOICE_NOTES),
          ",\"voice\":{\"file_id\":\"AwACAgEAAxkBAAIBbWVoiceFileId\","
              + "\"mime_type\":\"audio/ogg\",\"duration_seconds\":4}");
    }
    if (!Files.exists(out.resolve(BEFORE_ATTACHMENTS))) {
      record(
          out.resolve(BEFORE_ATTACHMENTS),
          ",\"attachment\":{\"file_id\":\"AgACAgEAAxkBAAIBbWPhotoFileId\","
              + "\"mime_type\":\"image/jpeg\"}");
    }
  }

  /**
   * A text answered by the agent, then an update without text answered with the fixed refusal; the
   * second update's payload then gets {@code media}, the field a worker of that release ignored.
   */
  private static void record(Path file, String media) throws Exception {
    try (ConversationHarness h = new ConversationHarness()) {
      h.fakes.llm.answer = r -> FakeActivities.Llm.reply("Hoje há 3 consultas.");
      h.staff("alpha", h.staffText(ALPHA_CHAT, 1, "agenda de hoje?"));
      h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 1);
      // The media as an API of that release passed it on: without text.
      h.staff("alpha", h.staffText(ALPHA_CHAT, MEDIA_UPDATE, null));
      h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() == 2);
      h.settle();
      WorkflowExecutionHistory history = h.client.fetchHistory(WORKFLOW_ID);
      Files.writeString(
          file,
          new WorkflowExecutionHistory(withMedia(history.getHistory(), media), WORKFLOW_ID)
              .toJson(true));
    }
  }

  static final long MEDIA_UPDATE = 2;

  /**
   * The history as a worker of that release recorded it when a newer API sent the media: its
   * update's payload also carries {@code media}, which that worker's tolerant JSON ignored ({@code
   * TolerantJson}), so it answered without it all the same. The test environment's JSON is strict,
   * hence the field is added here rather than sent.
   */
  private static History withMedia(History history, String media) {
    return SignalPayloads.rewritten(
        history,
        json -> json.contains("\"update_id\":" + MEDIA_UPDATE + ","),
        json -> json.substring(0, json.length() - 1) + media + "}");
  }
}
