package com.clinicflow.activities.telegram;

import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.messaging.TelegramActivities;
import com.clinicflow.workflows.messaging.TelegramMessage;
import com.clinicflow.workflows.messaging.TelegramReceipt;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TelegramActivities}: splits the text, and sends (or, in sandbox, records) each part once
 * under its own key ({@code key}, {@code key#2}, …) through {@link TelegramLedger}.
 */
final class TelegramSender implements TelegramActivities {

  private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);

  /** One Bot API call; returns Telegram's message id. Throws {@code Errors} failures. */
  interface BotApi {
    Integer sendMessage(long chatId, String text);
  }

  private final TelegramLedger ledger;
  private final BotApi api; // null = sandbox

  TelegramSender(TelegramLedger ledger, BotApi api) {
    this.ledger = ledger;
    this.api = api;
  }

  @Override
  public TelegramReceipt sendMessage(TelegramMessage message) {
    if (message.idempotencyKey() == null || message.idempotencyKey().isBlank()) {
      throw Errors.BAD_REQUEST.failure("Telegram message without an idempotency key");
    }
    List<String> parts = MessageSplitter.split(message.text());
    if (parts.isEmpty()) {
      throw Errors.BAD_REQUEST.failure("Telegram message without text");
    }
    boolean sentNow = false;
    for (int i = 0; i < parts.size(); i++) {
      String key = i == 0 ? message.idempotencyKey() : message.idempotencyKey() + "#" + (i + 1);
      sentNow |= sendPart(key, message, parts.get(i));
    }
    return new TelegramReceipt(parts.size(), !sentNow, api == null);
  }

  /**
   * @return whether this call sent (or recorded) the part, i.e. it was not done before
   */
  private boolean sendPart(String key, TelegramMessage message, String text) {
    TelegramLedger.Status initial =
        api == null ? TelegramLedger.Status.SANDBOX : TelegramLedger.Status.PENDING;
    TelegramLedger.Status status;
    try {
      status = ledger.begin(key, message.tenantId(), message.chatId(), initial);
    } catch (TelegramLedger.ForeignKeyException e) {
      throw Errors.CONFIGURATION.failure("Idempotency key already used by another clinic");
    }
    if (api == null) {
      if (status == TelegramLedger.Status.SANDBOX) {
        log.info("Sandbox: Telegram message {} recorded, not sent", key);
      }
      return true;
    }
    if (status == TelegramLedger.Status.SENT || status == TelegramLedger.Status.SANDBOX) {
      return false;
    }
    try {
      Integer messageId = api.sendMessage(message.chatId(), text);
      ledger.markSent(key, message.tenantId(), messageId);
      return true;
    } catch (ApplicationFailure failure) {
      ledger.markFailed(key, message.tenantId(), failure.getType());
      throw failure;
    }
  }
}
