package com.clinicflow.activities.whatsapp;

import com.clinicflow.activities.store.JsonColumns;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code outbound_message} table: one row per idempotency key, written before a send and
 * updated after it, so that an activity retry can tell whether the message already went out.
 *
 * <p>Every statement names {@code tenant_id} as well as the key: a key (a primary key, made by a
 * workflow) can only ever be read or changed by the clinic that created it.
 */
final class OutboundLedger {

  static final String WHATSAPP = "WHATSAPP";

  /** Values of {@code outbound_message.status} written by this package. */
  enum Status {
    /** Recorded, not (yet) confirmed sent: a send is in flight, crashed, or failed. */
    PENDING,
    /** The gateway accepted the message; its id is in {@code provider_message_id}. */
    SENT,
    /** The last attempt failed; {@code last_error} holds the {@code Errors} type. */
    FAILED,
    /** Recorded in sandbox: nothing was sent, and nothing will be for this key. */
    SANDBOX
  }

  /**
   * The row for a key as this clinic sees it.
   *
   * @param created true when this call inserted the row (first time the key is seen)
   * @param createdAt when the key was first recorded: the first attempt's start
   */
  record Entry(
      String status, String providerMessageId, int attempts, boolean created, Instant createdAt) {

    boolean is(Status expected) {
      return expected.name().equals(status);
    }

    /**
     * An earlier attempt began and left no outcome that rules a send out: it may have reached the
     * gateway before the worker died or the attempt timed out.
     */
    boolean mayHaveBeenSentBefore() {
      return !created && (is(Status.PENDING) || is(Status.FAILED));
    }
  }

  private final JdbcClient jdbc;

  OutboundLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the key as {@code PENDING} unless it is known already, and returns the row as it is
   * now. Empty when the key exists but belongs to another clinic.
   */
  Optional<Entry> begin(String key, String tenantId, String channel, String recipient) {
    return record(key, tenantId, channel, recipient, Status.PENDING);
  }

  /**
   * Records the key as {@code SANDBOX} unless it is known already (sandbox sends nothing, so the
   * row is the whole send). Empty when the key belongs to another clinic.
   */
  Optional<Entry> recordSandboxed(String key, String tenantId, String channel, String recipient) {
    return record(key, tenantId, channel, recipient, Status.SANDBOX);
  }

  /**
   * The gateway accepted the message: counts the attempt that succeeded, and appends {@code
   * logLine} (when not null) to the clinic's activity log in the same statement — one commit, and
   * the line exists exactly when the message is recorded as sent. The caller retries the whole
   * statement ({@code recordSent}).
   */
  void markSent(String key, String tenantId, String providerMessageId, ActivityLogEntry logLine) {
    String markSent =
        """
        UPDATE outbound_message
           SET status = 'SENT', provider_message_id = :providerMessageId,
               attempts = attempts + 1, last_error = NULL, sent_at = now()
         WHERE idempotency_key = :key AND tenant_id = :tenantId
        """;
    JdbcClient.StatementSpec statement =
        logLine == null
            ? jdbc.sql(markSent)
            : logged(
                jdbc.sql("WITH marked AS (" + markSent + " RETURNING tenant_id) " + LOG_LINE),
                logLine);
    statement
        .param("providerMessageId", providerMessageId)
        .param("key", key)
        .param("tenantId", tenantId)
        .update();
  }

  /** The line of a message recorded as {@code SANDBOX} just now, in its clinic's activity log. */
  void logSandboxed(String key, String tenantId, ActivityLogEntry logLine) {
    logged(
            jdbc.sql(
                "WITH marked AS (SELECT tenant_id FROM outbound_message"
                    + " WHERE idempotency_key = :key AND tenant_id = :tenantId) "
                    + LOG_LINE),
            logLine)
        .param("key", key)
        .param("tenantId", tenantId)
        .update();
  }

  /**
   * Appends a line to the activity log of the clinic of the row the statement calls {@code marked}.
   */
  private static final String LOG_LINE =
      """
      INSERT INTO tenant_activity_log (tenant_id, event_type, details, workflow_id)
      SELECT tenant_id, :event_type, CAST(:details AS jsonb), :workflow_id FROM marked
      """;

  private static JdbcClient.StatementSpec logged(
      JdbcClient.StatementSpec statement, ActivityLogEntry line) {
    return statement
        .param("event_type", line.eventType())
        .param("details", JsonColumns.write(line.details() == null ? Map.of() : line.details()))
        .param("workflow_id", line.workflowId());
  }

  /**
   * An attempt failed with the given {@code Errors} type (never a vendor message: those can echo
   * the number). A row already {@code SENT} is left alone.
   */
  void markFailed(String key, String tenantId, String errorType) {
    jdbc.sql(
            """
            UPDATE outbound_message
               SET status = 'FAILED', attempts = attempts + 1, last_error = :errorType
             WHERE idempotency_key = :key AND tenant_id = :tenantId AND status <> 'SENT'
            """)
        .param("errorType", errorType)
        .param("key", key)
        .param("tenantId", tenantId)
        .update();
  }

  private Optional<Entry> record(
      String key, String tenantId, String channel, String recipient, Status initial) {
    // Two statements, not one CTE: a concurrent insert of the same key that commits while the
    // INSERT waits on it would be invisible to a SELECT in the same statement's snapshot.
    int inserted =
        jdbc.sql(
                """
                INSERT INTO outbound_message (idempotency_key, tenant_id, channel, recipient, status)
                VALUES (:key, :tenantId, :channel, :recipient, :status)
                ON CONFLICT (idempotency_key) DO NOTHING
                """)
            .param("key", key)
            .param("tenantId", tenantId)
            .param("channel", channel)
            .param("recipient", recipient)
            .param("status", initial.name())
            .update();
    return jdbc.sql(
            """
            SELECT status, provider_message_id, attempts, created_at
              FROM outbound_message
             WHERE idempotency_key = :key AND tenant_id = :tenantId
            """)
        .param("key", key)
        .param("tenantId", tenantId)
        .query(
            (rs, row) ->
                new Entry(
                    rs.getString("status"),
                    rs.getString("provider_message_id"),
                    rs.getInt("attempts"),
                    inserted == 1,
                    rs.getTimestamp("created_at").toInstant()))
        .optional();
  }
}
