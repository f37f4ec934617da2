package com.clinicflow.activities.store;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The signals of a clinic's health for the admin API, read in one statement from the webhook
 * ledger, the send ledger, the transcript and the activity log (where the webhook records
 * Evolution's {@code connection.update} events as {@code whatsapp_connection}).
 */
public class TenantHealthRepository {

  private final JdbcClient jdbc;

  public TenantHealthRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The clinic's signals; empty for an unknown tenant. */
  public Optional<TenantHealthSignals> signals(String tenantId) {
    return jdbc.sql(
            """
            SELECT
              GREATEST(
                (SELECT max(received_at) FROM processed_message WHERE tenant_id = :tenant_id),
                (SELECT max(last_inbound_at) FROM conversation WHERE tenant_id = :tenant_id)
              ) AS last_inbound_at,
              GREATEST(
                (SELECT max(COALESCE(sent_at, created_at)) FROM outbound_message
                  WHERE tenant_id = :tenant_id AND status IN ('SENT', 'SANDBOX')),
                (SELECT max(last_reply_at) FROM conversation WHERE tenant_id = :tenant_id)
              ) AS last_reply_at,
              err.at AS last_error_at, err.error AS last_error, err.source AS last_error_source,
              wa.state AS whatsapp_state, wa.status_reason AS whatsapp_status_reason,
              wa.at AS whatsapp_state_at
              FROM tenant_config t
              LEFT JOIN LATERAL (
                SELECT at, error, source FROM (
                  (SELECT created_at AS at, details ->> 'error' AS error, 'conversation' AS source
                     FROM tenant_activity_log
                    WHERE tenant_id = :tenant_id AND event_type = 'needs_attention'
                    ORDER BY created_at DESC, id DESC LIMIT 1)
                  UNION ALL
                  (SELECT created_at, last_error, 'whatsapp_send'
                     FROM outbound_message
                    WHERE tenant_id = :tenant_id AND status = 'FAILED'
                    ORDER BY created_at DESC LIMIT 1)
                ) errors
                ORDER BY at DESC LIMIT 1
              ) err ON true
              LEFT JOIN LATERAL (
                SELECT details ->> 'state' AS state,
                       CASE WHEN details ->> 'status_reason' ~ '^-?[0-9]{1,9}$'
                            THEN CAST(details ->> 'status_reason' AS integer) END AS status_reason,
                       created_at AS at
                  FROM tenant_activity_log
                 WHERE tenant_id = :tenant_id AND event_type = 'whatsapp_connection'
                 ORDER BY created_at DESC, id DESC LIMIT 1
              ) wa ON true
             WHERE t.tenant_id = :tenant_id
            """)
        .param("tenant_id", tenantId)
        .query(
            (rs, n) ->
                new TenantHealthSignals(
                    TenantRepository.instant(rs, "last_inbound_at"),
                    TenantRepository.instant(rs, "last_reply_at"),
                    TenantRepository.instant(rs, "last_error_at"),
                    rs.getString("last_error"),
                    rs.getString("last_error_source"),
                    rs.getString("whatsapp_state"),
                    rs.getObject("whatsapp_status_reason", Integer.class),
                    TenantRepository.instant(rs, "whatsapp_state_at")))
        .optional();
  }
}
