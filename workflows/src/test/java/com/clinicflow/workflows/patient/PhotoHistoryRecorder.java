package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.testing.ConversationHarness;
import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.SignalPayloads;
import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the histories of a photo and of a video answered the way releases before they were read
 * answered them, which {@link PatientHandlerReplayTest} replays. Run it by hand (from the IDE, or
 * {@code java} with the test classpath) only when a history must be recorded on purpose: a replay
 * failure normally means a change broke running conversations, and the answer then is {@code
 * Changes}, not a new recording.
 */
public final class PhotoHistoryRecorder {

  static final String PHONE = "5511900000003";

  static final String WORKFLOW_ID = ConversationHarness.workflowId("alpha", PHONE);

  /**
   * Recorded before patients' photos were read: a text answered by the agent, then a photo without
   * a caption (as an API that maps photos sends it) answered "text and voice only".
   */
  static final String BEFORE_PHOTOS = "patient-handler-before-photos.json";

  static final String PHOTO_ID = "photo-1";

  /**
   * Recorded before patients' videos were read, by a worker that read photos: a text, a photo
   * answered by the agent (the run records {@code patient-attachments}), then a video (as an API
   * that maps videos sends it) answered with the polite answer.
   */
  static final String BEFORE_VIDEOS = "patient-handler-before-videos.json";

  static final String VIDEO_ID = "video-1";

  /** Records the histories whose files are missing: delete one to record it again on purpose. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(out);
    if (!Files.exists(out.resolve(BEFORE_PHOTOS))) {
      record(out.resolve(BEFORE_PHOTOS), false, PHOTO_ID, "IMAGE", "image/jpeg");
    }
    if (!Files.exists(out.resolve(BEFORE_VIDEOS))) {
      record(out.resolve(BEFORE_VIDEOS), true, VIDEO_ID, "VIDEO", "video/mp4");
    }
  }

  /**
   * A text answered by the agent, a photo answered by the agent when {@code photoFirst}, then the
   * message {@code id} sent as one the worker cannot read and answered politely; its payload then
   * says {@code kind} and {@code mimeType}.
   */
  private static void record(Path file, boolean photoFirst, String id, String kind, String mimeType)
      throws Exception {
    try (ConversationHarness h = new ConversationHarness()) {
      h.fakes.llm.answer = r -> FakeActivities.Llm.reply("Olá! Como posso ajudar?");
      h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
      if (photoFirst) {
        h.deliver(
            "alpha", PHONE, h.message("alpha", PHONE, PHOTO_ID, MessageKind.IMAGE, null, false));
        h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
      }
      int before = h.fakes.whatsApp.sent.size();
      h.deliver(
          "alpha", PHONE, h.message("alpha", PHONE, id, MessageKind.UNSUPPORTED, null, false));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == before + 1);
      h.settle();
      WorkflowExecutionHistory history = h.client.fetchHistory(WORKFLOW_ID);
      Files.writeString(
          file,
          new WorkflowExecutionHistory(
                  rewritten(history.getHistory(), id, kind, mimeType), WORKFLOW_ID)
              .toJson(true));
    }
  }

  /**
   * The history as a worker of that release recorded it when a newer API sent the media: the
   * message's payload says {@code kind} with the media's MIME type, which that worker's tolerant
   * JSON read as a kind it cannot read ({@code TolerantJson}), so it answered politely. The test
   * environment's JSON is strict, hence the kind is changed here rather than sent.
   */
  private static History rewritten(History history, String id, String kind, String mimeType) {
    return SignalPayloads.rewritten(
        history,
        json -> json.contains("\"provider_message_id\":\"" + id + "\""),
        json ->
            json.replace("\"kind\":\"UNSUPPORTED\"", "\"kind\":\"" + kind + "\"")
                .replace("\"mime_type\":null", "\"mime_type\":\"" + mimeType + "\""));
  }
}
