package com.clinicflow.worker;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.sql.SQLException;

/**
 * Keeps what PostgreSQL quotes out of histories and logs. Its errors quote the data they stopped at
 * ({@code Where: JSON data, line 1: {"text":"Minha consulta…}}, {@code Detail: Key
 * (contact)=(5511…)}), and pgjdbc and Spring put that into the exception's message. An activity (or
 * local activity) that failed with it had Temporal record the message and its causes' in the
 * conversation's history and log it at every retry. Such a failure — one with an {@link
 * SQLException} among its causes — leaves the activity as an {@link ApplicationFailure} of the same
 * type (the exception's class, so it is retried as before) whose message says the SQLState only,
 * with the original stack trace and no cause.
 */
final class DatabaseFailures extends WorkerInterceptorBase {

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (RuntimeException e) {
          throw withheld(e);
        }
      }
    };
  }

  /** {@code e} as it may leave the worker: unchanged unless the database is among its causes. */
  static RuntimeException withheld(RuntimeException e) {
    if (e instanceof TemporalFailure) {
      return e; // typed by ClinicFlow, or Temporal's own (a cancellation): never the database's
    }
    SQLException database = databaseCause(e);
    if (database == null) {
      return e;
    }
    ApplicationFailure failure =
        ApplicationFailure.newFailure(
            (database.getSQLState() == null
                    ? "Database error"
                    : "Database error, SQLState " + database.getSQLState())
                + " (the database's message is withheld: it can quote stored data)",
            e.getClass().getName());
    failure.setStackTrace(e.getStackTrace());
    return failure;
  }

  private static SQLException databaseCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
      if (cause.getCause() == cause) {
        return null;
      }
    }
    return null;
  }
}
