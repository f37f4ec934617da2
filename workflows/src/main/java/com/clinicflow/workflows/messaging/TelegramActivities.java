package com.clinicflow.workflows.messaging;

import io.temporal.activity.ActivityInterface;

/**
 * Sends Telegram messages to staff chats through the Bot API ({@code sendMessage}).
 *
 * <p>Idempotent by {@link TelegramMessage#idempotencyKey()}: each part is recorded in {@code
 * outbound_message} (channel {@code TELEGRAM}) before the call and marked sent after it, so a retry
 * sends only the parts that did not go out. A text above 4096 characters is split on paragraph,
 * then line, then word boundaries. Flood control (HTTP 429) fails as {@code RATE_LIMITED} with
 * Telegram's {@code retry_after} as the next retry delay; 5xx and I/O are {@code
 * UPSTREAM_UNAVAILABLE}; 400 (bad chat, empty text) and 403 (bot removed from the chat) are not
 * retried. Without a bot token the message is only recorded (status {@code SANDBOX}).
 */
@ActivityInterface(namePrefix = "Telegram.")
public interface TelegramActivities {

  TelegramReceipt sendMessage(TelegramMessage message);
}
