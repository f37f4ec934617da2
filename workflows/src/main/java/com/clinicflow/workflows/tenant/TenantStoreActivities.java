package com.clinicflow.workflows.tenant;

import io.temporal.activity.ActivityInterface;

/**
 * Tenant data in PostgreSQL, as activities so that what a workflow read is recorded in its history
 * (a replay sees the configuration the turn really used).
 *
 * <p>All are safe to retry: {@link #findTenant} and {@link #recordActivity} have no effect that a
 * retry could double in a harmful way, and {@link #countMessage} and {@link #countTurn} count a
 * turn key once. Temporal owns the retries; an unknown tenant is an answer, not an error.
 */
@ActivityInterface(namePrefix = "TenantStore.")
public interface TenantStoreActivities {

  /** Finds the clinic a WhatsApp instance or Telegram chat belongs to (cached, see docs). */
  TenantMatch findTenant(TenantLookup lookup);

  /**
   * Counts one message and says whether it is within the clinic's monthly quota, atomically: at a
   * limit of 10, exactly 10 of any number of concurrent calls are accepted. A request with a turn
   * key counts that key once; a repeat returns the first call's answer unchanged.
   */
  QuotaUsage countMessage(QuotaRequest request);

  /**
   * {@link #countMessage} of a keyed turn that also writes the turn's activity-log line ({@code
   * message_received}, or {@code quota_exceeded} past the limit, with count, limit and channel) in
   * the same transaction: once per key, however often it runs.
   */
  QuotaUsage countTurn(TurnCount count);

  /**
   * {@link #findTenant}, and for a turn the lookup says to count on admission ({@link
   * TenantLookup#countsOnAdmission}: a keyed WhatsApp turn, of an active clinic) {@link #countTurn}
   * too, in one call: one local activity of a patient's turn instead of two. The match carries the
   * count ({@link TenantMatch#usage}) when it counted.
   */
  TenantMatch admitTurn(TenantLookup lookup);

  /** Appends one line to the clinic's activity log. */
  void recordActivity(ActivityLogEntry entry);
}
