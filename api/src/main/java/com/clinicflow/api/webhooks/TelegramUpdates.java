package com.clinicflow.api.webhooks;

/**
 * Telegram {@code update_id}s already taken in, per bot ({@code telegram_update}). Claiming is one
 * {@code INSERT … ON CONFLICT DO NOTHING}: of concurrent deliveries of one update exactly one wins.
 * Not keyed by tenant: updates from chats of no clinic must be deduplicated too.
 */
public interface TelegramUpdates {

  /** True when this call took the update first. */
  boolean claim(long updateId, long chatId, String workflowId);

  /** Gives a claim back when Temporal did not take the update, so Telegram's retry is taken in. */
  void release(long updateId);
}
