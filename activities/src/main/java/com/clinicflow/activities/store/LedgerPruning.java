package com.clinicflow.activities.store;

import com.clinicflow.workflows.housekeeping.HousekeepingActivities;
import com.clinicflow.workflows.housekeeping.PruneReport;
import com.clinicflow.workflows.housekeeping.PruneRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * {@link HousekeepingActivities} over PostgreSQL: deletes rows (and transcripts' whole turns) older
 * than their retention ({@link RetentionProperties}; transcripts by each clinic's own {@code
 * transcript_retention_days} where it set one), oldest first, in short statements of {@code
 * batchSize} rows, at most {@code maxBatchesPerRound} per table; each statement commits on its own,
 * so a retry after a failure repeats nothing that mattered. Counted in {@link HousekeepingMetrics}.
 */
public class LedgerPruning implements HousekeepingActivities {

  private static final Logger log = LoggerFactory.getLogger(LedgerPruning.class);

  /** One table's batch delete: rows older than {@code :cutoff}, at most {@code :batch} chosen. */
  private record Statement(String table, String sql) {}

  /** Deletes a batch of a table's oldest rows: {@code %1$s} the table, {@code %2$s} its column. */
  private static final String OLDEST_ROWS =
      """
      DELETE FROM %1$s WHERE ctid IN (
        SELECT ctid FROM %1$s WHERE %2$s < :cutoff ORDER BY %2$s LIMIT :batch)
      """;

  /**
   * Deletes the whole turns of a batch of one clinic's oldest transcript messages: memory never
   * starts with a tool's result whose call was pruned (a turn's messages share their {@code
   * created_at}, saved in one statement, so a turn is old as a whole anyway; this holds across a
   * batch's edge too).
   */
  private static final Statement OLDEST_TURNS =
      new Statement(
          "conversation_message",
          """
          DELETE FROM conversation_message m
           USING (SELECT DISTINCT contact, turn_key FROM (
                    SELECT contact, turn_key FROM conversation_message
                     WHERE tenant_id = :tenant_id AND created_at < :cutoff
                     ORDER BY created_at LIMIT :batch) oldest) turns
           WHERE m.tenant_id = :tenant_id AND m.contact = turns.contact
             AND m.turn_key = turns.turn_key
          """);

  /**
   * Deletes a batch of one clinic's conversation rows (the patient's phone or LID, name, status)
   * left without a transcript and unchanged for the transcripts' retention: a patient the clinic
   * has forgotten. One waiting for an operator stays on the attention list, and one paused by staff
   * until its pause runs out (a pause may outlast a short retention). A patient who writes again
   * gets a new row (every turn upserts it, and a concurrent upsert moves the row out of this
   * statement's way).
   */
  private static final Statement FORGOTTEN_CONVERSATIONS =
      new Statement(
          "conversation",
          """
          DELETE FROM conversation WHERE ctid IN (
            SELECT ctid FROM conversation c
             WHERE c.tenant_id = :tenant_id AND c.updated_at < :cutoff AND (%s) = 'ACTIVE'
               AND NOT EXISTS (SELECT 1 FROM conversation_message m
                                WHERE m.tenant_id = c.tenant_id AND m.contact = c.contact)
             ORDER BY c.updated_at LIMIT :batch)
          """
              .formatted(ConversationRepository.CURRENT_STATUS));

  /** A clinic whose transcripts expire, and the time before which they have. */
  private record ClinicCutoff(String tenantId, OffsetDateTime cutoff) {}

  private final JdbcClient jdbc;
  private final RetentionProperties retention;
  private final Clock clock;
  private final HousekeepingMetrics metrics;

  /**
   * @param meterRegistry where {@link HousekeepingMetrics} registers; null = not exported
   */
  public LedgerPruning(
      JdbcClient jdbc, RetentionProperties retention, Clock clock, MeterRegistry meterRegistry) {
    this.jdbc = jdbc;
    this.retention = retention;
    this.clock = clock;
    this.metrics = new HousekeepingMetrics(meterRegistry, clock);
  }

  @Override
  public PruneReport pruneExpired(PruneRequest request) {
    PruneReport report;
    try {
      report = pruneAll();
    } catch (RuntimeException e) {
      metrics.failed();
      throw e;
    }
    metrics.finished(report.more());
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

  private PruneReport pruneAll() {
    Table inbound =
        prune(oldestRows("processed_message", "received_at"), retention.inboundLedger());
    Table outbound =
        prune(oldestRows("outbound_message", "created_at"), retention.outboundLedger());
    Table telegram =
        prune(oldestRows("telegram_update", "received_at"), retention.telegramUpdates());
    Table tasks = prune(oldestRows("task_request", "created_at"), retention.taskRequests());
    Table activity =
        prune(oldestRows("tenant_activity_log", "created_at"), retention.activityLog());
    List<ClinicCutoff> clinics = transcriptCutoffs();
    Table transcripts = pruneByClinic(OLDEST_TURNS, clinics);
    Table conversations = pruneByClinic(FORGOTTEN_CONVERSATIONS, clinics);
    return new PruneReport(
        inbound.deleted,
        outbound.deleted,
        telegram.deleted,
        tasks.deleted,
        activity.deleted,
        transcripts.deleted,
        conversations.deleted,
        Stream.of(inbound, outbound, telegram, tasks, activity, transcripts, conversations)
            .anyMatch(Table::more));
  }

  /**
   * The clinics whose transcripts expire: each by its own {@code transcript_retention_days} (0
   * keeps them for ever), or else by the deployment's {@code clinicflow.retention.transcripts}.
   * Deactivated clinics too: their patients' data expires all the same.
   */
  private List<ClinicCutoff> transcriptCutoffs() {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return jdbc
        .sql("SELECT tenant_id, transcript_retention_days FROM tenant_config ORDER BY tenant_id")
        .query(
            (rs, row) -> {
              Integer days = rs.getObject("transcript_retention_days", Integer.class);
              Duration keep = days == null ? retention.transcripts() : Duration.ofDays(days);
              return keep.isZero() || keep.isNegative()
                  ? null
                  : new ClinicCutoff(rs.getString("tenant_id"), now.minus(keep));
            })
        .list()
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  private record Table(int deleted, boolean more) {}

  /** Table and column names are this class's constants, never input. */
  private static Statement oldestRows(String table, String column) {
    return new Statement(table, OLDEST_ROWS.formatted(table, column));
  }

  /**
   * Runs the statement until a batch finds fewer than a full one or the round's batches are spent.
   */
  private Table prune(Statement statement, Duration keep) {
    if (keep.isZero() || keep.isNegative()) {
      return new Table(0, false);
    }
    OffsetDateTime cutoff =
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(keep);
    int deleted = 0;
    boolean more = true;
    for (int batch = 0; more && batch < retention.maxBatchesPerRound(); batch++) {
      int rows = batch(statement, null, cutoff);
      deleted += rows;
      more = rows >= retention.batchSize();
    }
    metrics.deleted(statement.table(), deleted);
    return new Table(deleted, more);
  }

  /**
   * Runs a clinic's statement for each clinic in turn, a batch at a time, a clinic whose batch was
   * full going round again after the others: one clinic's backlog (the first round after it set a
   * retention) cannot hold up another's. The clinics share the round's rows ({@code
   * maxBatchesPerRound} × {@code batchSize}, as a table pruned in one go has), so a round works off
   * many clinics' small backlogs as readily as one clinic's large one; a clinic with nothing
   * expired costs one short index probe.
   */
  private Table pruneByClinic(Statement statement, List<ClinicCutoff> clinics) {
    Deque<ClinicCutoff> pending = new ArrayDeque<>(clinics);
    long budget = (long) retention.maxBatchesPerRound() * retention.batchSize();
    int deleted = 0;
    while (deleted < budget && !pending.isEmpty()) {
      ClinicCutoff clinic = pending.poll();
      int rows = batch(statement, clinic.tenantId(), clinic.cutoff());
      deleted += rows;
      if (rows >= retention.batchSize()) {
        pending.add(clinic);
      }
    }
    metrics.deleted(statement.table(), deleted);
    return new Table(deleted, !pending.isEmpty());
  }

  /** One statement: a batch of rows older than the cutoff (of one clinic, when it names one). */
  private int batch(Statement statement, String tenantId, OffsetDateTime cutoff) {
    StatementSpec sql =
        jdbc.sql(statement.sql()).param("cutoff", cutoff).param("batch", retention.batchSize());
    return (tenantId == null ? sql : sql.param("tenant_id", tenantId)).update();
  }
}
