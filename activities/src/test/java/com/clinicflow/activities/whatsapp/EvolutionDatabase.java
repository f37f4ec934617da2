package com.clinicflow.activities.whatsapp;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import java.util.Map;

/** Reads of {@code outbound_message} for assertions. */
final class EvolutionDatabase {

  private EvolutionDatabase() {}

  static Map<String, Object> outboundRow(String key) {
    return EmbeddedDatabase.jdbc()
        .sql(
            """
            SELECT tenant_id, channel, recipient, status, provider_message_id, attempts,
                   last_error, sent_at
              FROM outbound_message
             WHERE idempotency_key = :key
            """)
        .param("key", key)
        .query()
        .singleRow();
  }

  static int count(String sql) {
    return EmbeddedDatabase.jdbc().sql(sql).query(Integer.class).single();
  }
}
