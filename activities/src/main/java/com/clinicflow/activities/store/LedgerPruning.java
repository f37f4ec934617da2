package com.clinicflow.activities.store;

import com.clinicflow.workflows.housekeeping.HousekeepingActivities;
import com.clinicflow.workflows.housekeeping.PruneReport;
import com.clinicflow.workflows.housekeeping.PruneRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link HousekeepingActivities} over PostgreSQL: deletes rows older than their retention ({@link
 * RetentionProperties}), oldest first, in short statements of {@code batchSize} rows, at most
 * {@code maxBatchesPerRound} per table; each statement commits on its own, so a retry after a
 * failure repeats nothing that mattered.
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

  @Override
  public PruneReport pruneExpired(PruneRequest request) {
    Table inbound = prune("processed_message", "received_at", retention.inboundLedger());
    Table outbound = prune("outbound_message", "created_at", retention.outboundLedger());
    Table telegram = prune("telegram_update", "received_at", retention.telegramUpdates());
    Table tasks = prune("task_request", "created_at", retention.taskRequests());
    Table activity = prune("tenant_activity_log", "created_at", retention.activityLog());
    PruneReport report =
        new PruneReport(
            inbound.deleted,
            outbound.deleted,
            telegram.deleted,
            tasks.deleted,
            activity.deleted,
            inbound.more || outbound.more || telegram.more || tasks.more || activity.more);
    if (report.total() > 0) {
      log.info(
          "Pruned expired rows: {} inbound, {} outbound, {} Telegram updates, {} task requests,"
              + " {} activity lines{}",
          report.inboundLedger(),
          report.outboundLedger(),
          report.telegramUpdates(),
          report.taskRequests(),
          report.activityLines(),
          report.more() ? " (more left for the next round)" : "");
    }
    return report;
  }

  private record Table(int deleted, boolean more) {}

  /** Table and column names are this class's constants, never input. */
  private Table prune(String table, String column, Duration keep) {
    if (keep.isZero() || keep.isNegative()) {
      return new Table(0, false);
    }
    OffsetDateTime cutoff =
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(keep);
    String sql =
        """
        DELETE FROM %1$s WHERE ctid IN (
          SELECT ctid FROM %1$s WHERE %2$s < :cutoff ORDER BY %2$s LIMIT :batch)
        """
            .formatted(table, column);
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
