package com.clinicflow.activities.telegram;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Telegram {@code update_id}s already taken in ({@code telegram_update}), per bot. Updates from a
 * chat of no clinic have no tenant, so this ledger is keyed by bot and update id rather than by
 * tenant like {@code processed_message}; the staff workflow also drops ids it has seen.
 */
public class TelegramUpdateLedger {

  private final JdbcClient jdbc;
  private final String botId;

  public TelegramUpdateLedger(JdbcClient jdbc, String botId) {
    this.jdbc = jdbc;
    this.botId = botId;
  }

  /**
   * Takes the update if nobody has: one {@code INSERT … ON CONFLICT DO NOTHING}, so of concurrent
   * deliveries exactly one wins.
   *
   * @return true when this call took it first
   */
  public boolean claim(long updateId, long chatId, String workflowId) {
    return jdbc.sql(
                """
                INSERT INTO telegram_update (bot_id, update_id, chat_id, workflow_id)
                VALUES (:bot, :update, :chat, :workflow)
                ON CONFLICT (bot_id, update_id) DO NOTHING
                """)
            .param("bot", botId)
            .param("update", updateId)
            .param("chat", chatId)
            .param("workflow", workflowId)
            .update()
        == 1;
  }

  /** Gives a claim back when Temporal did not take the update, so Telegram's retry is taken in. */
  public void release(long updateId) {
    jdbc.sql("DELETE FROM telegram_update WHERE bot_id = :bot AND update_id = :update")
        .param("bot", botId)
        .param("update", updateId)
        .update();
  }
}
