package com.clinicflow.workflows.staff;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A Telegram message to the staff assistant, mapped from the webhook's update by the API.
 *
 * @param updateId Telegram's {@code update_id}: increasing per bot, the order and the dedupe key
 * @param chatId {@code message.chat.id}: who is authorised is decided on this
 * @param fromId {@code message.from.id}, may be null (channel posts)
 * @param fromName the sender's first name, for the assistant's context; may be null
 * @param text the text with any {@code /clinica <id>} prefix removed; null when not a text
 * @param requestedTenantId the clinic a system admin addressed with {@code /clinica <id>}, else
 *     null
 * @param sentAt {@code message.date}
 */
public record StaffUpdate(
    @JsonProperty("update_id") long updateId,
    @JsonProperty("chat_id") long chatId,
    @JsonProperty("from_id") Long fromId,
    @JsonProperty("from_name") String fromName,
    @JsonProperty("text") String text,
    @JsonProperty("requested_tenant_id") String requestedTenantId,
    @JsonProperty("sent_at") Instant sentAt) {

  /** True for a text message; voice notes, photos… are answered with a polite "text only". */
  public boolean hasText() {
    return text != null && !text.isBlank();
  }
}
