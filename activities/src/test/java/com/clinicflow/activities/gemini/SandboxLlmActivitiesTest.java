package com.clinicflow.activities.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxLlmActivitiesTest {

  private final SandboxLlmActivities sandbox = new SandboxLlmActivities();

  @Test
  void repliesWithALabelledQuoteOfTheNewestPatientMessageAndNeverCallsTools() {
    LlmReply reply =
        sandbox.generate(
            request(
                List.of(
                    ChatMessage.userText("Hello"),
                    ChatMessage.modelText("Hi, how can I help?"),
                    ChatMessage.userText("Can I book a cleaning on Friday?"))));

    assertThat(reply.text())
        .isEqualTo(
            "[ClinicFlow offline assistant — no LLM configured] You said: \"Can I book a cleaning"
                + " on Friday?\"");
    assertThat(reply.text()).startsWith(SandboxLlmActivities.LABEL);
    assertThat(reply.toolCalls()).isEmpty();
    assertThat(reply.message()).isEqualTo(ChatMessage.modelText(reply.text()));
  }

  @Test
  void aBurstOfTextsIsQuotedWhole() {
    ChatMessage burst =
        new ChatMessage(
            ChatRole.USER, List.of(ChatPart.text("Hi"), ChatPart.text("I need an appointment")));

    assertThat(sandbox.generate(request(List.of(burst))).text())
        .endsWith("You said: \"Hi\nI need an appointment\"");
  }

  @Test
  void voiceNoteIsAcknowledgedAsSuch() {
    ChatMessage voiceNote =
        new ChatMessage(
            ChatRole.USER,
            List.of(ChatPart.media(new MediaRef("t", "inst", "MSG1", "audio/ogg; codecs=opus"))));

    assertThat(sandbox.generate(request(List.of(voiceNote))).text())
        .isEqualTo(SandboxLlmActivities.LABEL + " I received a voice note.");
  }

  @Test
  void aPhotoWithItsCaptionIsAcknowledgedAsAPhoto() {
    ChatMessage photo =
        new ChatMessage(
            ChatRole.USER,
            List.of(
                ChatPart.media(new MediaRef("t", "inst", "MSG2", "image/jpeg")),
                ChatPart.text("meu pedido")));

    assertThat(sandbox.generate(request(List.of(photo))).text())
        .isEqualTo(SandboxLlmActivities.LABEL + " You said: \"meu pedido\" (and sent a photo).");
  }

  @Test
  void toolResultsAreNotMistakenForThePatientsWords() {
    ChatMessage toolResults =
        new ChatMessage(
            ChatRole.USER,
            List.of(
                ChatPart.toolResult(
                    new ToolResult(null, "list_slots", Map.of("slots", List.of())))));

    LlmReply reply =
        sandbox.generate(request(List.of(ChatMessage.userText("Any slot today?"), toolResults)));

    assertThat(reply.text()).endsWith("You said: \"Any slot today?\"");
  }

  private static LlmRequest request(List<ChatMessage> history) {
    return new LlmRequest(
        "t", "prompt", history, List.of(new ToolSpec("list_slots", "Slots", Map.of())));
  }
}
