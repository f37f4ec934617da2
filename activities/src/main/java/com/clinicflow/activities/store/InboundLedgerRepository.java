package com.clinicflow.activities.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Provider message ids already taken in ({@code processed_message}), so that a redelivered webhook
 * is answered {@code duplicate} and processed once.
 *
 * <p>Its writes commit asynchronously ({@code synchronous_commit} off for that one transaction, set
 * inside the statement itself with {@code set_config(…, true)}): the webhook's answer does not wait
 * for the WAL to reach the disk, which was two flushes on every webhook's path. What could be lost
 * is the last fraction of a second of ledger rows, and only if PostgreSQL or the machine crashes
 * (not the application): a redelivery of such a message is then signalled again, and the
 * conversation drops an id it has already seen. The ledger is the first of two dedupe layers, so it
 * need not be durable to the last commit; the workflow's history is.
 */
public class InboundLedgerRepository {

  /** A one-row relation that turns synchronous commit off for the current transaction only. */
  private static final String ASYNC_COMMIT =
      "(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit";

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
                SELECT :tenant_id, :channel, :provider_message_id, :workflow_id FROM %s
                ON CONFLICT (tenant_id, channel, provider_message_id) DO NOTHING
                """
                    .formatted(ASYNC_COMMIT))
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
            UPDATE processed_message SET signalled_at = now() FROM %s
             WHERE tenant_id = :tenant_id AND channel = :channel
               AND provider_message_id = :provider_message_id AND signalled_at IS NULL
            """
                .formatted(ASYNC_COMMIT))
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
