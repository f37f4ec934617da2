package com.clinicflow.activities.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Provider message ids already taken in ({@code processed_message}), so that a redelivered webhook
 * is answered {@code duplicate} and processed once.
 */
public class InboundLedgerRepository {

  private final JdbcClient jdbc;

  public InboundLedgerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes the id if nobody has. One {@code INSERT … ON CONFLICT DO NOTHING}: of any number of
   * concurrent deliveries exactly one inserts the row, the unique index decides, not a read first.
   *
   * @return true when this call took the id first
   */
  public boolean claim(
      String tenantId, String channel, String providerMessageId, String workflowId) {
    return jdbc.sql(
                """
                INSERT INTO processed_message (tenant_id, channel, provider_message_id, workflow_id)
                VALUES (:tenant_id, :channel, :provider_message_id, :workflow_id)
                ON CONFLICT (tenant_id, channel, provider_message_id) DO NOTHING
                """)
            .param("tenant_id", tenantId)
            .param("channel", channel)
            .param("provider_message_id", providerMessageId)
            .param("workflow_id", workflowId)
            .update()
        == 1;
  }

  /** Records that the claimed message reached its conversation workflow. */
  public void markSignalled(String tenantId, String channel, String providerMessageId) {
    jdbc.sql(
            """
            UPDATE processed_message SET signalled_at = now()
             WHERE tenant_id = :tenant_id AND channel = :channel
               AND provider_message_id = :provider_message_id AND signalled_at IS NULL
            """)
        .param("tenant_id", tenantId)
        .param("channel", channel)
        .param("provider_message_id", providerMessageId)
        .update();
  }

  /** Whether a claimed message is known to have reached its workflow. */
  public boolean isSignalled(String tenantId, String channel, String providerMessageId) {
    return jdbc.sql(
            """
            SELECT signalled_at IS NOT NULL FROM processed_message
             WHERE tenant_id = :tenant_id AND channel = :channel
               AND provider_message_id = :provider_message_id
            """)
        .param("tenant_id", tenantId)
        .param("channel", channel)
        .param("provider_message_id", providerMessageId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /** Gives a claim back, so the provider's next delivery is taken in rather than refused. */
  public void release(String tenantId, String channel, String providerMessageId) {
    jdbc.sql(
            """
            DELETE FROM processed_message
             WHERE tenant_id = :tenant_id AND channel = :channel
               AND provider_message_id = :provider_message_id
            """)
        .param("tenant_id", tenantId)
        .param("channel", channel)
        .param("provider_message_id", providerMessageId)
        .update();
  }
}
