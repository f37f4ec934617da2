package com.clinicflow.workflows.staff;

import com.clinicflow.workflows.testing.ConversationHarness;
import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.SignalPayloads;
import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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

  /**
   * Recorded by a worker of the release before the digest of needs-attention alerts (run from a
   * checkout of it, with this recorder and the fakes' Telegram gate copied in): four conversations'
   * alerts, three of them waiting while the first one's send waited, sent one by one.
   */
  static final String BEFORE_ATTENTION_DIGEST = "internal-assistant-before-attention-digest.json";

  /** The same alerts recorded with the digest: the first alert, then one list of three. */
  static final String ATTENTION_DIGEST = "internal-assistant-attention-digest.json";

  /** Records the histories whose files are missing: delete one to record it again on purpose. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(out);
    recordAttentionAlerts(out);
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

  /**
   * Four conversations fail; the last three while the first one's alert waits for Telegram. Saved
   * as {@link #ATTENTION_DIGEST} when the workflow code sent them as a list (two messages), as
   * {@link #BEFORE_ATTENTION_DIGEST} when it sent them one by one (four), if that file is missing.
   */
  private static void recordAttentionAlerts(Path out) throws Exception {
    try (ConversationHarness h = new ConversationHarness()) {
      CountDownLatch telegramAnswers = new CountDownLatch(1);
      h.fakes.telegram.gate = telegramAnswers;
      h.alertStaff(ALPHA_CHAT, attention("5511900000001"));
      h.eventually(() -> h.fakes.telegram.atGate.get() == 1);
      for (String phone : List.of("5511900000002", "5511900000003", "5511900000004")) {
        h.alertStaff(ALPHA_CHAT, attention(phone));
      }
      Thread.sleep(300);
      h.fakes.telegram.gate = null;
      telegramAnswers.countDown();
      h.eventually(() -> h.fakes.telegram.to(ALPHA_CHAT).size() >= 2);
      h.settle();
      Path file =
          out.resolve(
              h.fakes.telegram.to(ALPHA_CHAT).size() == 2
                  ? ATTENTION_DIGEST
                  : BEFORE_ATTENTION_DIGEST);
      if (!Files.exists(file)) {
        Files.writeString(file, h.client.fetchHistory(WORKFLOW_ID).toJson(true));
      }
    }
  }

  static StaffAlert attention(String phone) {
    return StaffAlert.needsAttention(
            "alpha", "patient:alpha:" + phone, "failure-" + phone, "UPSTREAM_UNAVAILABLE")
        .forClinic("Clínica Alpha", "pt-BR");
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
