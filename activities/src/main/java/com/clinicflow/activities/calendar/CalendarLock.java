package com.clinicflow.activities.calendar;

import com.clinicflow.workflows.common.Errors;
import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Serialises bookings per calendar across every ClinicFlow process: a PostgreSQL transaction-level
 * advisory lock on a hash of (tenant, calendar) is held while a booking checks free/busy and
 * inserts, so two patients asking for the same slot at the same moment are served one after the
 * other and the second sees the first's event. Google Calendar has no transaction or conditional
 * insert to do this for us (see docs/decisions/0008-serialised-bookings.md).
 *
 * <p>A booking waits at most {@link #LOCK_TIMEOUT} for the lock; then it fails with a retryable
 * {@code UPSTREAM_UNAVAILABLE} and Temporal tries again. The lock is released with the transaction,
 * also when the work fails or the process dies (the connection closes).
 */
final class CalendarLock {

  /** Well under the 60 s start-to-close timeout of external activities. */
  static final String LOCK_TIMEOUT = "20s";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  CalendarLock(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  <T> T around(CalendarRef calendar, Supplier<T> work) {
    try {
      return transactions.execute(
          status -> {
            jdbc.sql("SELECT set_config('lock_timeout', :timeout, true)")
                .param("timeout", LOCK_TIMEOUT)
                .query(String.class)
                .single();
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", calendar.lockKey())
                .query(Integer.class)
                .single();
            return work.get();
          });
    } catch (PessimisticLockingFailureException e) {
      throw Errors.UPSTREAM_UNAVAILABLE.failure(
          "Another booking on the clinic's calendar held the lock for over " + LOCK_TIMEOUT);
    }
  }
}
