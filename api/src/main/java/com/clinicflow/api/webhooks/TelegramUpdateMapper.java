package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.staff.StaffUpdate;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Maps a Telegram update to a {@link StaffUpdate}. Only {@code message} is handled (text; a voice
 * note or audio file, a photo, or a document the model reads — a PDF or an image — by file id with
 * its caption as text; any other kind of message is passed on without either and answered "text,
 * voice, photos and PDFs only"); edits, callbacks, channel posts… are ignored. A system admin names
 * a clinic with {@code /clinica <tenant_id> <message>} (or {@code /tenant}); the prefix is taken
 * off the text.
 */
@Component
class TelegramUpdateMapper {

  /** The Bot API lets a bot download files of up to 20 MB. */
  private static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;

  private static final Pattern ADDRESSED =
      Pattern.compile(
          "^/(?:clinica|tenant)(?:@\\w+)?\\s+([a-z0-9][a-z0-9-]{0,62})(?:\\s+(.*))?$",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

  /** What became of an update. */
  sealed interface Mapping permits ForStaff, Ignored {}

  record ForStaff(StaffUpdate update) implements Mapping {}

  record Ignored() implements Mapping {}

  /**
   * @throws WebhookRejectedException 400 when the body is not an update (no {@code update_id})
   */
  Mapping map(JsonNode update) {
    JsonNode id = update.path("update_id");
    if (!id.canConvertToLong()) {
      throw WebhookRejectedException.invalidEnvelope("A Telegram update needs an update_id.");
    }
    JsonNode message = update.path("message");
    JsonNode chatId = message.path("chat").path("id");
    if (!message.isObject() || !chatId.canConvertToLong()) {
      return new Ignored();
    }
    StaffUpdate.Voice voice = voice(message);
    StaffUpdate.Attachment attachment = voice == null ? attachment(message) : null;
    String text =
        message.path("text").isTextual()
            ? message.path("text").asText()
            : (voice != null || attachment != null) && message.path("caption").isTextual()
                ? message.path("caption").asText()
                : null;
    String requestedTenant = null;
    if (text != null) {
      Matcher addressed = ADDRESSED.matcher(text.strip());
      if (addressed.matches()) {
        requestedTenant = addressed.group(1).toLowerCase(Locale.ROOT);
        text = addressed.group(2) == null ? null : addressed.group(2).strip();
      }
    }
    JsonNode from = message.path("from");
    return new ForStaff(
        new StaffUpdate(
            id.asLong(),
            chatId.asLong(),
            from.path("id").canConvertToLong() ? from.path("id").asLong() : null,
            from.path("first_name").isTextual() ? from.path("first_name").asText() : null,
            text,
            requestedTenant,
            message.path("date").canConvertToLong()
                ? Instant.ofEpochSecond(message.path("date").asLong())
                : null,
            voice,
            attachment));
  }

  /**
   * {@code message.voice} (a voice note) or {@code message.audio} (an audio file), by file id; null
   * for any other message.
   */
  private static StaffUpdate.Voice voice(JsonNode message) {
    JsonNode voice =
        message.path("voice").isObject() ? message.path("voice") : message.path("audio");
    String fileId = fileId(voice);
    if (fileId == null) {
      return null;
    }
    return new StaffUpdate.Voice(
        fileId,
        voice.path("mime_type").isTextual() ? voice.path("mime_type").asText() : null,
        voice.path("duration").asInt(0));
  }

  /**
   * {@code message.photo} (Telegram sends a photo in several sizes, smallest first: the largest the
   * Bot API lets a bot download), or {@code message.document} of a type the model reads (a PDF, a
   * JPEG/PNG/WebP/HEIC image sent as a file); null for any other message.
   */
  private static StaffUpdate.Attachment attachment(JsonNode message) {
    JsonNode sizes = message.path("photo");
    if (sizes.isArray()) {
      String largest = null;
      for (JsonNode size : sizes) {
        String fileId = fileId(size);
        long bytes = size.path("file_size").asLong(0);
        if (fileId != null && bytes <= MAX_DOWNLOAD_BYTES) {
          largest = fileId;
        }
      }
      return largest == null ? null : new StaffUpdate.Attachment(largest, "image/jpeg");
    }
    JsonNode document = message.path("document");
    String fileId = fileId(document);
    // The types the model reads, as for a patient's WhatsApp media (MessageContent).
    String mimeType =
        document.path("mime_type").isTextual()
            ? MessageContent.bareType(document.path("mime_type").asText())
            : "";
    if (fileId == null
        || !(mimeType.equals(MessageContent.PDF)
            || MessageContent.READABLE_IMAGES.contains(mimeType))) {
      return null;
    }
    return new StaffUpdate.Attachment(fileId, mimeType);
  }

  private static String fileId(JsonNode file) {
    JsonNode fileId = file.path("file_id");
    return fileId.isTextual() && !fileId.asText().isBlank() ? fileId.asText() : null;
  }
}
