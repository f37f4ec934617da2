package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.testing.ConversationHarness;
import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.SignalPayloads;
import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the history of a photo answered the way releases before photos were read answered it,
 * which {@link PatientHandlerReplayTest} replays. Run it by hand (from the IDE, or {@code java}
 * with the test classpath) only when a history must be recorded on purpose: a replay failure
 * normally means a change broke running conversations, and the answer then is {@code Changes}, not
 * a new recording.
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

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/histories");
    Files.createDirectories(out);
    try (ConversationHarness h = new ConversationHarness()) {
      h.fakes.llm.answer = r -> FakeActivities.Llm.reply("Olá! Como posso ajudar?");
      h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
      h.deliver(
          "alpha",
          PHONE,
          h.message("alpha", PHONE, PHOTO_ID, MessageKind.UNSUPPORTED, null, false));
      h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
      h.settle();
      WorkflowExecutionHistory history = h.client.fetchHistory(WORKFLOW_ID);
      Files.writeString(
          out.resolve(BEFORE_PHOTOS),
          new WorkflowExecutionHistory(withPhoto(history.getHistory()), WORKFLOW_ID).toJson(true));
    }
  }

  /**
   * The history as a worker of that release recorded it when a newer API sent the photo: the
   * message's payload says {@code "kind":"IMAGE"} with the photo's MIME type, which that worker's
   * tolerant JSON read as a kind it cannot read ({@code TolerantJson}), so it answered "text and
   * voice only". The test environment's JSON is strict, hence the kind is changed here rather than
   * sent.
   */
  private static History withPhoto(History history) {
    return SignalPayloads.rewritten(
        history,
        json -> json.contains("\"provider_message_id\":\"" + PHOTO_ID + "\""),
        json ->
            json.replace("\"kind\":\"UNSUPPORTED\"", "\"kind\":\"IMAGE\"")
                .replace("\"mime_type\":null", "\"mime_type\":\"image/jpeg\""));
  }
}
