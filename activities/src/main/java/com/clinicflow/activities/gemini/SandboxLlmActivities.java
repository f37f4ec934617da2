package com.clinicflow.activities.gemini;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmActivities;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import java.util.List;

/**
 * {@link LlmActivities} without an LLM, for when {@code clinicflow.gemini.api-key} is not set: a
 * deterministic, clearly labelled reply that quotes what the patient sent, so that the whole path
 * (webhook, workflow, memory, outbound message) can be tried without a Google account. It never
 * asks for tools and makes no network call.
 */
public final class SandboxLlmActivities implements LlmActivities {

  /** Starts every sandbox reply, so nobody mistakes it for the clinic's assistant. */
  public static final String LABEL = "[ClinicFlow offline assistant — no LLM configured]";

  @Override
  public LlmReply generate(LlmRequest request) {
    String text = LABEL + " " + answer(newestUserMessage(request.history()));
    return new LlmReply(ChatMessage.modelText(text), text, List.of(), 0, 0);
  }

  private static String answer(ChatMessage message) {
    if (message == null) {
      return "I received your message.";
    }
    String said = message.joinedText().strip();
    boolean media = message.parts().stream().anyMatch(part -> part.media() != null);
    String attachment = media ? describeMedia(message) : null;
    if (!said.isEmpty()) {
      return "You said: \"" + said + "\"" + (media ? " (and sent " + attachment + ")." : "");
    }
    return media ? "I received " + attachment + "." : "I received your message.";
  }

  /** "a voice note", "a photo", "a document": the first media part of {@code message}. */
  private static String describeMedia(ChatMessage message) {
    return message.parts().stream()
        .filter(part -> part.media() != null)
        .findFirst()
        .map(part -> "a " + part.media().kind().label())
        .orElse("an attachment");
  }

  /** The newest message the patient (or staff member) wrote, skipping tool results. */
  private static ChatMessage newestUserMessage(List<ChatMessage> history) {
    if (history == null) {
      return null;
    }
    for (int i = history.size() - 1; i >= 0; i--) {
      ChatMessage message = history.get(i);
      if (message.role() == ChatRole.USER && message.parts() != null && writtenBySomeone(message)) {
        return message;
      }
    }
    return null;
  }

  private static boolean writtenBySomeone(ChatMessage message) {
    for (ChatPart part : message.parts()) {
      if (part.text() != null || part.media() != null) {
        return true;
      }
    }
    return false;
  }
}
