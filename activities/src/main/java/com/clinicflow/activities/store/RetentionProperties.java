package com.clinicflow.activities.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clinicflow.retention.*}: how long ClinicFlow keeps what it needs only for a while. The
 * hourly round of the {@code quota-reset} workflow deletes what is older ({@link LedgerPruning}). A
 * zero or negative duration keeps that table for ever.
 *
 * @param inboundLedger webhook redelivery ledger ({@code processed_message}): Evolution stops
 *     redelivering within an hour
 * @param telegramUpdates staff update ledger ({@code telegram_update}): Telegram stops within a day
 * @param outboundLedger send ledger ({@code outbound_message}): its keys stop a second send of a
 *     reply an operator retries days later, and of the quota notice within its monthly period
 * @param taskRequests staff task idempotency ({@code task_request}), as long as the send ledger
 * @param activityLog the clinics' activity log ({@code tenant_activity_log}), a year by default
 * @param transcripts the patients' transcripts ({@code conversation_message}: the model's memory),
 *     whole turns at a time, and then the conversation rows left without one; kept for ever by
 *     default, since what a clinic may keep of its patients' conversations is its own policy: a
 *     clinic's {@code transcript_retention_days} overrides this for that clinic
 * @param batchSize rows one statement deletes
 * @param maxBatchesPerRound statements per table and round: a backlog (the first round after an
 *     upgrade) is worked off over several rounds instead of holding one long transaction
 */
@ConfigurationProperties(prefix = "clinicflow.retention")
public record RetentionProperties(
    Duration inboundLedger,
    Duration telegramUpdates,
    Duration outboundLedger,
    Duration taskRequests,
    Duration activityLog,
    Duration transcripts,
    Integer batchSize,
    Integer maxBatchesPerRound) {

  /**
   * The defaults, in this one place: an unset setting, or an empty one, binds as null here. A zero
   * or negative batch setting takes the default too.
   */
  public RetentionProperties {
    inboundLedger = orDefault(inboundLedger, Duration.ofDays(7));
    telegramUpdates = orDefault(telegramUpdates, Duration.ofDays(7));
    outboundLedger = orDefault(outboundLedger, Duration.ofDays(62));
    taskRequests = orDefault(taskRequests, Duration.ofDays(62));
    activityLog = orDefault(activityLog, Duration.ofDays(365));
    transcripts = orDefault(transcripts, Duration.ZERO);
    batchSize = batchSize == null || batchSize < 1 ? 5000 : batchSize;
    maxBatchesPerRound =
        maxBatchesPerRound == null || maxBatchesPerRound < 1 ? 20 : maxBatchesPerRound;
  }

  /** The defaults, for code that builds the store without Spring. */
  public static RetentionProperties defaults() {
    return new RetentionProperties(null, null, null, null, null, null, null, null);
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }
}
