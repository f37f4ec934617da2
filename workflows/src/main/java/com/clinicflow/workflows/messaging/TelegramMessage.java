package com.clinicflow.workflows.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Telegram message to a staff chat.
 *
 * @param idempotencyKey made in the workflow; a second send with the same key sends nothing. A text
 *     longer than Telegram's limit goes out in parts keyed {@code key}, {@code key#2}, …
 * @param tenantId the clinic whose chat it is, or null for a chat of no clinic (a refusal)
 * @param chatId Telegram chat id (group ids are negative)
 * @param text plain text, any length
 */
public record TelegramMessage(
    @JsonProperty("idempotency_key") String idempotencyKey,
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("chat_id") long chatId,
    @JsonProperty("text") String text) {}
