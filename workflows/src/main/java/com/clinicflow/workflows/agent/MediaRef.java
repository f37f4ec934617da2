package com.clinicflow.workflows.agent;

import com.clinicflow.workflows.tenant.Channel;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A media message (a voice note, a photo, a PDF) by reference. The bytes never enter workflow
 * history or the database: the LLM activity fetches them from the channel when it builds the
 * request — a patient's WhatsApp media from Evolution ({@code getBase64FromMediaMessage}), a staff
 * member's Telegram note from the Bot API ({@code getFile}).
 *
 * @param tenantId the clinic the message belongs to
 * @param instanceName the WhatsApp instance that holds the media; null for Telegram
 * @param providerMessageId WhatsApp {@code key.id} of the media message; null for Telegram
 * @param mimeType as announced in the webhook, e.g. {@code audio/ogg; codecs=opus}, {@code
 *     image/jpeg}: tells what the media is ({@link #kind})
 * @param telegramFileId Telegram's {@code file_id} of a staff member's voice note; null for
 *     WhatsApp (references recorded before staff voice notes have none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaRef(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("provider_message_id") String providerMessageId,
    @JsonProperty("mime_type") String mimeType,
    @JsonProperty("telegram_file_id") String telegramFileId) {

  /** A WhatsApp media message, held by the clinic's Evolution instance. */
  public MediaRef(String tenantId, String instanceName, String providerMessageId, String mimeType) {
    this(tenantId, instanceName, providerMessageId, mimeType, null);
  }

  /** A file sent to the staff assistant's Telegram bot. */
  public static MediaRef telegram(String tenantId, String fileId, String mimeType) {
    return new MediaRef(tenantId, null, null, mimeType, fileId);
  }

  /** What the media is: a voice note, a photo or a document. */
  @JsonIgnore
  public MediaKind kind() {
    return MediaKind.of(mimeType);
  }

  /** Where the media is: Telegram for a file sent to the staff bot, else WhatsApp. */
  @JsonIgnore
  public Channel channel() {
    return telegramFileId != null ? Channel.TELEGRAM : Channel.WHATSAPP;
  }
}
