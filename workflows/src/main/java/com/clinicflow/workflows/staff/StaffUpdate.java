package com.clinicflow.workflows.staff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A Telegram message to the staff assistant, mapped from the webhook's update by the API.
 *
 * @param updateId Telegram's {@code update_id}: increasing per bot, the order and the dedupe key
 * @param chatId {@code message.chat.id}: who is authorised is decided on this
 * @param fromId {@code message.from.id}, may be null (channel posts)
 * @param fromName the sender's first name, for the assistant's context; may be null
 * @param text the text (or a voice note's caption) with any {@code /clinica <id>} prefix removed;
 *     null when there is none
 * @param requestedTenantId the clinic a system admin addressed with {@code /clinica <id>}, else
 *     null
 * @param sentAt {@code message.date}
 * @param voice the voice note or audio file the message carries; null for any other message
 * @param attachment the photo or PDF the message carries; null for any other message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StaffUpdate(
    @JsonProperty("update_id") long updateId,
    @JsonProperty("chat_id") long chatId,
    @JsonProperty("from_id") Long fromId,
    @JsonProperty("from_name") String fromName,
    @JsonProperty("text") String text,
    @JsonProperty("requested_tenant_id") String requestedTenantId,
    @JsonProperty("sent_at") Instant sentAt,
    @JsonProperty("voice") Voice voice,
    @JsonProperty("attachment") Attachment attachment) {

  /** A message without a voice note. */
  public StaffUpdate(
      long updateId,
      long chatId,
      Long fromId,
      String fromName,
      String text,
      String requestedTenantId,
      Instant sentAt) {
    this(updateId, chatId, fromId, fromName, text, requestedTenantId, sentAt, null, null);
  }

  /** A message with a voice note (or none), without a photo or a PDF. */
  public StaffUpdate(
      long updateId,
      long chatId,
      Long fromId,
      String fromName,
      String text,
      String requestedTenantId,
      Instant sentAt,
      Voice voice) {
    this(updateId, chatId, fromId, fromName, text, requestedTenantId, sentAt, voice, null);
  }

  /**
   * Telegram's {@code message.voice} (or {@code message.audio}): the bytes stay at Telegram until
   * the model's call fetches them.
   *
   * @param fileId {@code file_id}, valid for this bot only
   * @param mimeType as Telegram announces it, e.g. {@code audio/ogg}; may be null
   * @param durationSeconds {@code duration}
   */
  public record Voice(
      @JsonProperty("file_id") String fileId,
      @JsonProperty("mime_type") String mimeType,
      @JsonProperty("duration_seconds") int durationSeconds) {}

  /**
   * Telegram's {@code message.photo} (its largest size the Bot API serves) or {@code
   * message.document} of a type the model reads: the bytes stay at Telegram until the model's call
   * fetches them.
   *
   * @param fileId {@code file_id}, valid for this bot only
   * @param mimeType {@code image/jpeg} for a photo, the document's announced type otherwise
   */
  public record Attachment(
      @JsonProperty("file_id") String fileId, @JsonProperty("mime_type") String mimeType) {}

  /** True for a message with text; other messages without media get a polite refusal. */
  public boolean hasText() {
    return text != null && !text.isBlank();
  }

  /** True for a voice note (or an audio file) the assistant can listen to. */
  public boolean hasVoice() {
    return voice != null && voice.fileId() != null && !voice.fileId().isBlank();
  }

  /** True for a photo or a PDF the assistant can look at. */
  public boolean hasAttachment() {
    return attachment != null && attachment.fileId() != null && !attachment.fileId().isBlank();
  }
}
