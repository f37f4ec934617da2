package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.MediaKind;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Changes;
import java.util.ArrayList;
import java.util.List;

/**
 * What the messages of a conversation say to the model and to memory: the patient's words of a turn
 * (media by reference, with what they refer to), and what the clinic's phone sent.
 */
final class PatientWords {

  private PatientWords() {}

  /** The patient's words of this turn, as one user message (media by reference). */
  static ChatMessage of(Turn turn, String tenantId) {
    List<ChatPart> parts = new ArrayList<>();
    for (InboundMessage message : turn.messages) {
      MessageKind kind = kindRead(message);
      if (kind != MessageKind.UNSUPPORTED) {
        context(message, parts);
      }
      switch (kind) {
        case TEXT -> parts.add(ChatPart.text(message.text()));
        case AUDIO -> parts.add(ChatPart.media(mediaOf(tenantId, message)));
        case IMAGE, DOCUMENT, VIDEO -> {
          // The media first, then the patient's words about it (as Gemini advises for images).
          parts.add(ChatPart.media(mediaOf(tenantId, message)));
          if (message.text() != null && !message.text().isBlank()) {
            parts.add(ChatPart.text(message.text()));
          }
        }
        case UNSUPPORTED ->
            parts.add(ChatPart.text("[the patient sent a message that cannot be read here]"));
      }
    }
    return new ChatMessage(ChatRole.USER, parts);
  }

  /** Whether nothing in the turn can be read here: the model is not asked, a courtesy answers. */
  static boolean onlyUnreadable(Turn turn) {
    return turn.messages.stream().allMatch(m -> kindRead(m) == MessageKind.UNSUPPORTED);
  }

  /**
   * What a staff member sent from the clinic's phone, as the patient's memory keeps it: the words,
   * after what was sent when it was media ("(sent a photo) Tabela de preços"). The media stays on
   * the phone; the model must still know that something was sent, or a caption-less price list is
   * an empty line.
   */
  static String fromClinicPhone(InboundMessage message) {
    String words = message.text() == null ? "" : message.text();
    String sent = null;
    if (message.kind().isMedia()) {
      sent = "(sent a " + MediaKind.of(message.mimeType()).label() + ")";
    } else if (message.kind() == MessageKind.UNSUPPORTED) {
      sent = "(sent an attachment)";
    }
    return sent == null ? words : words.isBlank() ? sent : sent + " " + words;
  }

  /**
   * What this run makes of {@code message}: a photo or a PDF is unreadable in a run that answered
   * one the way releases before {@link Changes#PATIENT_ATTACHMENTS} did, a video in one before
   * {@link Changes#PATIENT_VIDEOS} (each asked only when a turn carries one).
   */
  private static MessageKind kindRead(InboundMessage message) {
    String change =
        switch (message.kind()) {
          case IMAGE, DOCUMENT -> Changes.PATIENT_ATTACHMENTS;
          case VIDEO -> Changes.PATIENT_VIDEOS;
          case TEXT, AUDIO, UNSUPPORTED -> null;
        };
    return change != null && !Changes.isOn(change) ? MessageKind.UNSUPPORTED : message.kind();
  }

  /**
   * What the message refers to, before it: the clinic's ad the patient wrote from ("I want this
   * one") and the message they answered by quoting it ("this time" under a list of times).
   */
  private static void context(InboundMessage message, List<ChatPart> parts) {
    if (message.fromAd() != null) {
      parts.add(ChatPart.text("[written from the clinic's ad: \"" + message.fromAd() + "\"]"));
    }
    if (message.replyingTo() != null) {
      parts.add(ChatPart.text("[replying to: \"" + message.replyingTo() + "\"]"));
    }
  }

  private static MediaRef mediaOf(String tenantId, InboundMessage message) {
    return new MediaRef(
        tenantId, message.instanceName(), message.providerMessageId(), message.mimeType());
  }
}
