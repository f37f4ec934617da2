package com.clinicflow.activities.store;

import com.clinicflow.workflows.housekeeping.HousekeepingActivities;
import com.clinicflow.workflows.housekeeping.PruneReport;
import com.clinicflow.workflows.housekeeping.PruneRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link HousekeepingActivities} over PostgreSQL: deletes rows (and transcripts' whole turns) older
 * than their retention ({@link RetentionProperties}), oldest first, in short statements of {@code
 * batchSize} rows, at most {@code maxBatchesPerRound} per table; each statement commits on its own,
 * so a retry after a failure repeats nothing that mattered.
 */
public class LedgerPruning implements HousekeepingActivities {

  private static final Logger log = LoggerFactory.getLogger(LedgerPruning.class);

  private final JdbcClient jdbc;
  private final RetentionProperties retention;
  private final Clock clock;

  public LedgerPruning(JdbcClient jdbc, RetentionProperties retention, Clock clock) {
    this.jdbc = jdbc;
    this.retention = retention;
    this.clock = clock;
  }

  /** Deletes a batch of a table's oldest rows: {@code %1$s} the table, {@code %2$s} its column. */
  private static final String OLDEST_ROWS =
      """
      DELETE FROM %1$s WHERE ctid IN (
        SELECT ctid FROM %1$s WHERE %2$s < :cutoff ORDER BY %2$s LIMIT :batch)
      """;

  /**
   * Deletes the whole turns of a batch of the oldest transcript messages: memory never starts with
   * a tool's result whose call was pruned (a turn's messages share their {@code created_at}, saved
   * in one statement, so a turn is old as a whole anyway; this holds across a batch's edge too).
   */
  private static final String OLDEST_TURNS =
      """
      DELETE FROM conversation_message m
       USING (SELECT DISTINCT tenant_id, contact, turn_key FROM (
                SELECT tenant_id, contact, turn_key FROM conversation_message
                 WHERE created_at < :cutoff ORDER BY created_at LIMIT :batch) oldest) turns
       WHERE m.tenant_id = turns.tenant_id AND m.contact = turns.contact
         AND m.turn_key = turns.turn_key
      """;

  /**
   * Deletes a batch of conversation rows (the patient's phone or LID, name, status) left without a
   * transcript and unchanged for the transcripts' retention: a patient the clinic has forgotten.
   * One waiting for an operator stays on the attention list. A patient who writes again gets a new
   * row (every turn upserts it, and a concurrent upsert moves the row out of this statement's way).
   */
  private static final String FORGOTTEN_CONVERSATIONS =
      """
      DELETE FROM conversation WHERE ctid IN (
        SELECT ctid FROM conversation c
         WHERE c.updated_at < :cutoff AND c.status <> 'NEEDS_ATTENTION'
           AND NOT EXISTS (SELECT 1 FROM conversation_message m
                            WHERE m.tenant_id = c.tenant_id AND m.contact = c.contact)
         ORDER BY c.updated_at LIMIT :batch)
      """;

  @Override
  public PruneReport pruneExpired(PruneRequest request) {
    Table inbound =
        prune(oldestRows("processed_message", "received_at"), retention.inboundLedger());
    Table outbound =
        prune(oldestRows("outbound_message", "created_at"), retention.outboundLedger());
    Table telegram =
        prune(oldestRows("telegram_update", "received_at"), retention.telegramUpdates());
    Table tasks = prune(oldestRows("task_request", "created_at"), retention.taskRequests());
    Table activity =
        prune(oldestRows("tenant_activity_log", "created_at"), retention.activityLog());
    Table transcripts = prune(OLDEST_TURNS, retention.transcripts());
    Table conversations = prune(FORGOTTEN_CONVERSATIONS, retention.transcripts());
    PruneReport report =
        new PruneReport(
            inbound.deleted,
            outbound.deleted,
            telegram.deleted,
            tasks.deleted,
            activity.deleted,
            transcripts.deleted,
            conversations.deleted,
            Stream.of(inbound, outbound, telegram, tasks, activity, transcripts, conversations)
                .anyMatch(Table::more));
    if (report.total() > 0) {
      log.info(
          "Pruned expired rows: {} inbound, {} outbound, {} Telegram updates, {} task requests,"
              + " {} activity lines, {} transcript messages, {} conversations{}",
          report.inboundLedger(),
          report.outboundLedger(),
          report.telegramUpdates(),
          report.taskRequests(),
          report.activityLines(),
          report.transcriptMessages(),
          report.conversations(),
          report.more() ? " (more left for the next round)" : "");
    }
    return report;
  }

  private record Table(int deleted, boolean more) {}

  /** Table and column names are this class's constants, never input. */
  private static String oldestRows(String table, String column) {
    return OLDEST_ROWS.formatted(table, column);
  }

  /**
   * Runs {@code sql} (a batch's delete, of rows older than {@code :cutoff}, at most {@code :batch}
   * of them chosen) until a batch finds fewer than a full one or the round's batches are spent.
   */
  private Table prune(String sql, Duration keep) {
    if (keep.isZero() || keep.isNegative()) {
      return new Table(0, false);
    }
    OffsetDateTime cutoff =
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(keep);
    int deleted = 0;
    for (int batch = 0; batch < retention.maxBatchesPerRound(); batch++) {
      int rows =
          jdbc.sql(sql).param("cutoff", cutoff).param("batch", retention.batchSize()).update();
      deleted += rows;
      if (rows < retention.batchSize()) {
        return new Table(deleted, false);
      }
    }
    return new Table(deleted, true);
  }
}
