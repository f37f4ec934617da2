package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.patient.MessageKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a WhatsApp message holds, read from the Baileys message of Evolution's webhook: text ({@code
 * conversation}, {@code extendedTextMessage.text}), a voice note, a photo, a PDF or a video the
 * model reads (with its caption), the caption of other media, a reply to a list or button, a
 * sticker, or a contact card or a location ({@link SharedCards}), the last three read as a note in
 * words. Anything else is {@link MessageKind#UNSUPPORTED}: the patient gets the polite answer,
 * unless it needs no answer at all ({@link #nothingToAnswer}). A message in an envelope ({@link
 * #ENVELOPES}) is read inside it.
 *
 * @param text the text or caption; null when there is none
 * @param mimeType of media, as announced (a photo's, a PDF's and a video's bare type); null for
 *     text
 */
record MessageContent(MessageKind kind, String text, String mimeType) {

  static final MessageContent UNSUPPORTED = new MessageContent(MessageKind.UNSUPPORTED, null, null);

  static MessageContent ofText(String text) {
    return new MessageContent(MessageKind.TEXT, text, null);
  }

  /** The image types the model reads; WhatsApp sends its photos as JPEG. */
  static final Set<String> READABLE_IMAGES =
      Set.of("image/jpeg", "image/png", "image/webp", "image/heic", "image/heif");

  static final String PDF = "application/pdf";

  /** The video types the model reads; WhatsApp sends its videos as MP4. */
  private static final Set<String> READABLE_VIDEOS =
      Set.of("video/mp4", "video/3gpp", "video/webm", "video/mpeg");

  /**
   * Envelopes around what the patient sent, which Evolution passes on as they are (it lifts only
   * {@code documentWithCaptionMessage}): a message of a chat with disappearing messages on can come
   * in {@code ephemeralMessage}, and a photo of an album in {@code associatedChildMessage}.
   * View-once media ({@code viewOnceMessage…}) is deliberately not opened: the patient asked for it
   * not to be kept, and ClinicFlow keeps what the model reads in the conversation's memory; the
   * model is only told that one came ({@link #viewOnce}).
   */
  private static final List<String> ENVELOPES =
      List.of("ephemeralMessage", "associatedChildMessage");

  /** Envelopes of view-once media, which is not opened (see {@link #ENVELOPES}). */
  private static final List<String> VIEW_ONCE =
      List.of("viewOnceMessage", "viewOnceMessageV2", "viewOnceMessageV2Extension");

  /** Keys of a message that are no content of their own. */
  private static final Set<String> NOT_CONTENT =
      Set.of("messageContextInfo", "senderKeyDistributionMessage", "base64", "mediaUrl");

  /**
   * Why {@code message} needs no answer at all, or null when it does: a reaction to an earlier
   * message (a 👍 to a confirmation must not get the polite "I can only read…"), an album's header
   * (its photos follow as messages of their own), a message with no content (only the keys of a
   * sender's encryption session).
   */
  static String nothingToAnswer(JsonNode message) {
    JsonNode content = unwrapped(message);
    if (content == null || !content.isObject()) {
      return null;
    }
    if (content.has("reactionMessage") || content.has("encReactionMessage")) {
      return "reaction";
    }
    if (content.has("albumMessage")) {
      return "album";
    }
    for (var names = content.fieldNames(); names.hasNext(); ) {
      if (!NOT_CONTENT.contains(names.next())) {
        return null;
      }
    }
    return "no_content";
  }

  /** {@code message} out of its envelopes (at most a few deep: a hostile body nests forever). */
  static JsonNode unwrapped(JsonNode message) {
    JsonNode content = message;
    for (int depth = 0; depth < 3 && content != null && content.isObject(); depth++) {
      JsonNode inner = null;
      for (String envelope : ENVELOPES) {
        inner = inside(content, envelope);
        if (inner != null) {
          break;
        }
      }
      if (inner == null) {
        return content;
      }
      content = inner;
    }
    return content;
  }

  /** The message inside {@code message}'s {@code envelope}, or null when it has none. */
  private static JsonNode inside(JsonNode message, String envelope) {
    JsonNode inner = message.path(envelope).get("message");
    return inner != null && inner.isObject() ? inner : null;
  }

  /** What {@code message} (the webhook's {@code data.message}) holds. */
  static MessageContent of(JsonNode envelope) {
    JsonNode message = unwrapped(envelope);
    if (message == null || !message.isObject()) {
      return UNSUPPORTED;
    }
    String text = JsonFields.text(message.get("conversation"));
    if (text == null) {
      text = JsonFields.text(message.path("extendedTextMessage").get("text"));
    }
    if (text != null) {
      return ofText(text);
    }
    String viewOnce = viewOnce(message);
    if (viewOnce != null) {
      return ofText("[a view-once " + viewOnce + ", not opened here: view-once media is not kept]");
    }
    JsonNode audio = message.get("audioMessage");
    if (audio != null && audio.isObject()) {
      return new MessageContent(MessageKind.AUDIO, null, JsonFields.text(audio.get("mimetype")));
    }
    JsonNode image = message.get("imageMessage");
    if (image != null && image.isObject()) {
      MessageContent photo = photo(image);
      if (photo != null) {
        return photo;
      }
    }
    JsonNode document = message.get("documentMessage");
    if (document == null || !document.isObject()) {
      document = message.path("documentWithCaptionMessage").path("message").get("documentMessage");
    }
    if (document != null && document.isObject()) {
      MessageContent pdf = pdf(document);
      if (pdf != null) {
        return pdf;
      }
    }
    JsonNode video = message.get("videoMessage");
    if (video == null || !video.isObject()) {
      video = message.get("ptvMessage"); // a round video note
    }
    if (video != null && video.isObject()) {
      MessageContent clip = video(video);
      if (clip != null) {
        return clip;
      }
    }
    // A caption is the patient's words even when the media itself is not read (a video, a Word
    // document, an image in a format the model does not take).
    for (JsonNode media : new JsonNode[] {image, message.get("videoMessage"), document}) {
      String caption = media == null ? null : JsonFields.text(media.get("caption"));
      if (caption != null) {
        return ofText(caption);
      }
    }
    String words = choice(message);
    if (words == null) {
      words = sticker(message);
    }
    if (words == null) {
      words = SharedCards.contacts(message);
    }
    if (words == null) {
      words = SharedCards.location(message);
    }
    return words != null ? ofText(words) : UNSUPPORTED;
  }

  /**
   * {@code [a sticker]}, with its accessibility label when it has one ({@code [a sticker: thumbs
   * up]}); null when {@code message} is none. A sticker is how many patients say "thanks" or "ok":
   * the model answers it as such, where "I can only read text…" answered it before.
   */
  private static String sticker(JsonNode message) {
    JsonNode sticker = message.get("stickerMessage");
    if (sticker == null || !sticker.isObject()) {
      sticker = message.get("lottieStickerMessage");
    }
    if (sticker == null || !sticker.isObject()) {
      return null;
    }
    String label =
        SharedCards.flat(
            JsonFields.text(sticker.get("accessibilityLabel")), SharedCards.MAX_NAME_CHARS);
    return label == null ? "[a sticker]" : "[a sticker: " + label + "]";
  }

  /**
   * A reply to an interactive message (a list, a button), as Evolution's own getConversationMessage
   * reads it; null when {@code message} is none.
   */
  private static String choice(JsonNode message) {
    String choice = JsonFields.text(message.path("listResponseMessage").get("title"));
    if (choice == null) {
      choice = JsonFields.text(message.path("templateButtonReplyMessage").get("selectedId"));
    }
    if (choice == null) {
      choice = JsonFields.text(message.path("buttonsResponseMessage").get("selectedDisplayText"));
    }
    return choice;
  }

  /**
   * What view-once media is ("photo", "video", "voice note", "message"), or null when {@code
   * message} is none. The model is told one came and was not opened, instead of the patient who
   * sent a photo getting "I can only read text, voice messages, photos and PDFs".
   */
  private static String viewOnce(JsonNode message) {
    for (String envelope : VIEW_ONCE) {
      JsonNode inner = inside(message, envelope);
      if (inner != null) {
        return inner.has("imageMessage")
            ? "photo"
            : inner.has("videoMessage")
                ? "video"
                : inner.has("audioMessage") ? "voice note" : "message";
      }
    }
    // Older clients flag the media itself instead of wrapping it.
    return message.path("imageMessage").path("viewOnce").asBoolean(false) ? "photo" : null;
  }

  /** A photo in a type the model reads (JPEG when unsaid), with its caption; else null. */
  private static MessageContent photo(JsonNode image) {
    String mimeType = JsonFields.text(image.get("mimetype"));
    String type = mimeType == null ? "image/jpeg" : bareType(mimeType);
    return READABLE_IMAGES.contains(type)
        ? new MessageContent(MessageKind.IMAGE, JsonFields.text(image.get("caption")), type)
        : null;
  }

  /**
   * A video in a type the model reads (MP4 when unsaid), with its caption; a GIF (WhatsApp sends
   * one as a looping video) is a note in words, like a sticker; else null.
   */
  private static MessageContent video(JsonNode video) {
    String caption = JsonFields.text(video.get("caption"));
    if (video.path("gifPlayback").asBoolean(false)) {
      return ofText(caption == null ? "[a GIF]" : "[a GIF] " + caption);
    }
    String mimeType = JsonFields.text(video.get("mimetype"));
    String type = mimeType == null ? "video/mp4" : bareType(mimeType);
    return READABLE_VIDEOS.contains(type)
        ? new MessageContent(MessageKind.VIDEO, caption, type)
        : null;
  }

  /**
   * A PDF (by its MIME type, or by its file name when the type is missing or generic), with its
   * caption; else null: the model reads no other document.
   */
  private static MessageContent pdf(JsonNode document) {
    String mimeType = JsonFields.text(document.get("mimetype"));
    String type = mimeType == null ? "" : bareType(mimeType);
    String fileName = JsonFields.text(document.get("fileName"));
    boolean namedPdf =
        fileName != null
            && fileName.toLowerCase(Locale.ROOT).endsWith(".pdf")
            && (type.isEmpty() || type.equals("application/octet-stream"));
    return type.equals(PDF) || namedPdf
        ? new MessageContent(MessageKind.DOCUMENT, JsonFields.text(document.get("caption")), PDF)
        : null;
  }

  /**
   * {@code mimeType} without its parameters, lower case: {@code image/jpeg} of "Image/JPEG; q=1".
   */
  static String bareType(String mimeType) {
    int semicolon = mimeType.indexOf(';');
    return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
