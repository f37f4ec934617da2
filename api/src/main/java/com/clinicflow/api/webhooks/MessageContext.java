package com.clinicflow.api.webhooks;

import static com.clinicflow.api.webhooks.JsonFields.text;

import com.clinicflow.workflows.agent.MediaKind;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a WhatsApp message refers to, from its {@code contextInfo} (Evolution puts it beside the
 * message in {@code data.contextInfo}; Baileys keeps it inside the content, e.g. {@code
 * extendedTextMessage.contextInfo}): the message it quotes when the patient answered one in
 * particular ("this one" under a list of times), and the clinic's ad when they wrote from a
 * click-to-WhatsApp ad ("I'd like this treatment").
 *
 * @param quoted the quoted message's text or caption, or what it was ("a photo"); null when none
 * @param ad the ad's title and text; null when the message came from no ad
 */
record MessageContext(String quoted, String ad) {

  static final MessageContext NONE = new MessageContext(null, null);

  /** Longest quote kept: the model needs to know which message, not all of a long one. */
  static final int MAX_QUOTE_CHARS = 300;

  /** Longest ad text kept. */
  static final int MAX_AD_CHARS = 200;

  /** The context of the webhook's {@code data}. */
  static MessageContext of(JsonNode data) {
    JsonNode info = contextInfo(data);
    if (info == null) {
      return NONE;
    }
    return new MessageContext(quoted(info.get("quotedMessage")), ad(info.get("externalAdReply")));
  }

  private static JsonNode contextInfo(JsonNode data) {
    JsonNode beside = data.get("contextInfo");
    if (beside != null && beside.isObject()) {
      return beside;
    }
    JsonNode content = MessageContent.unwrapped(data.get("message"));
    if (content == null || !content.isObject()) {
      return null;
    }
    for (JsonNode part : content) {
      JsonNode inside = part.get("contextInfo");
      if (inside != null && inside.isObject()) {
        return inside;
      }
    }
    return null;
  }

  private static String quoted(JsonNode message) {
    if (message == null || !message.isObject()) {
      return null;
    }
    MessageContent content = MessageContent.of(message);
    if (content.text() != null) {
      return cut(content.text(), MAX_QUOTE_CHARS);
    }
    // "a voice note", "a photo", "a document", "a video", as the transcript names them
    return content.kind().isMedia() ? "a " + MediaKind.of(content.mimeType()).label() : null;
  }

  private static String ad(JsonNode reply) {
    if (reply == null || !reply.isObject()) {
      return null;
    }
    String title = text(reply.get("title"));
    String body = text(reply.get("body"));
    if (title == null && body == null) {
      return null;
    }
    String ad = title == null ? body : body == null ? title : title + " — " + body;
    return cut(ad, MAX_AD_CHARS);
  }

  /** {@code text} on one line, cut to {@code max} characters with "…" (never half an emoji). */
  static String cut(String text, int max) {
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.length() <= max) {
      return flat;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(flat.charAt(end - 1))) {
      end--; // never half an emoji
    }
    return flat.substring(0, end) + "…";
  }
}
