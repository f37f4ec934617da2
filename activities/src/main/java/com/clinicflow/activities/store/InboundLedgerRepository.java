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
