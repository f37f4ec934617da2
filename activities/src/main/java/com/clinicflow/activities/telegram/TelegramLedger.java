package com.clinicflow.activities.telegram;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Telegram parts in {@code outbound_message} (channel {@code TELEGRAM}, recipient = chat id): one
 * row per part key, written before the call and marked after it, so that a retry sends only what
 * did not go out. The tenant is null only for a refusal to a chat of no clinic; every statement
 * names the tenant (null-safe), so a key is only ever seen by the clinic that made it.
 */
final class TelegramLedger {

  static final String TELEGRAM = "TELEGRAM";

  enum Status {
    PENDING,
    SENT,
    FAILED,
    SANDBOX
  }

  /** A key already known to another tenant. */
  static final class ForeignKeyException extends RuntimeException {
    ForeignKeyException() {
      super("idempotency key already used by another clinic");
    }
  }

  private final JdbcClient jdbc;

  TelegramLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the key with {@code initial} unless known, and returns its status now ({@code SENT} or
   * {@code SANDBOX} mean: nothing more to do).
   */
  Status begin(String key, String tenantId, long chatId, Status initial) {
    jdbc.sql(
            """
            INSERT INTO outbound_message (idempotency_key, tenant_id, channel, recipient, status)
            VALUES (:key, :tenantId, :channel, :recipient, :status)
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
        .param("key", key)
        .param("tenantId", tenantId)
        .param("channel", TELEGRAM)
        .param("recipient", String.valueOf(chatId))
        .param("status", initial.name())
        .update();
    return jdbc.sql(
            """
            SELECT status FROM outbound_message
             WHERE idempotency_key = :key AND tenant_id IS NOT DISTINCT FROM CAST(:tenantId AS text)
               AND channel = :channel
            """)
        .param("key", key)
        .param("tenantId", tenantId)
        .param("channel", TELEGRAM)
        .query((rs, n) -> Status.valueOf(rs.getString("status")))
        .optional()
        .orElseThrow(ForeignKeyException::new);
  }

  void markSent(String key, String tenantId, Integer messageId) {
    jdbc.sql(
            """
            UPDATE outbound_message
               SET status = 'SENT', provider_message_id = :messageId, attempts = attempts + 1,
                   last_error = NULL, sent_at = now()
             WHERE idempotency_key = :key AND tenant_id IS NOT DISTINCT FROM CAST(:tenantId AS text)
            """)
        .param("messageId", messageId == null ? null : String.valueOf(messageId))
        .param("key", key)
        .param("tenantId", tenantId)
        .update();
  }

  void markFailed(String key, String tenantId, String errorType) {
    jdbc.sql(
            """
            UPDATE outbound_message
               SET status = 'FAILED', attempts = attempts + 1, last_error = :errorType
             WHERE idempotency_key = :key AND tenant_id IS NOT DISTINCT FROM CAST(:tenantId AS text)
               AND status <> 'SENT'
            """)
        .param("errorType", errorType)
        .param("key", key)
        .param("tenantId", tenantId)
        .update();
  }
}
