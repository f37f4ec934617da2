package com.clinicflow.activities.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code tenant_config_changed} (sent by a trigger on every insert, update and delete of
 * {@code tenant_config}, including a plain SQL UPDATE from psql) on one dedicated connection, in a
 * daemon thread, and hands the changed tenant ids to a callback.
 *
 * <p>PostgreSQL does not queue notifications for a listener that is not connected, so after every
 * (re)connection {@code onConnected} runs once LISTEN is in place: the cache forgets everything,
 * because anything may have changed while nobody was listening.
 *
 * <p>The connection comes from the application's {@link DataSource}, so with a pool it holds one
 * pooled connection for the life of the process.
 *
 * <p>Public so that other reactions to tenant changes (the worker's confirmation schedules) can
 * listen too, each on its own connection.
 */
public final class TenantChangeListener {

  static final String CHANNEL = "tenant_config_changed";

  /** Shown in {@code pg_stat_activity}, so an operator can tell what holds the connection. */
  static final String APPLICATION_NAME = "clinicflow-tenant-cache";

  private static final Logger log = LoggerFactory.getLogger(TenantChangeListener.class);

  // How long one wait for notifications lasts: bounds how long stop() waits for the thread.
  private static final int POLL_MILLIS = 500;
  // A connection silently dropped by a firewall raises no error while waiting; a query does.
  private static final long HEALTH_CHECK_NANOS = 30_000_000_000L;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final DataSource dataSource;
  private final Consumer<Set<String>> onChanged;
  private final Runnable onConnected;

  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  public TenantChangeListener(
      DataSource dataSource, Consumer<Set<String>> onChanged, Runnable onConnected) {
    this.dataSource = dataSource;
    this.onChanged = onChanged;
    this.onConnected = onConnected;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "tenant-config-listener");
    thread.setDaemon(true);
    thread.start();
  }

  public synchronized void stop() {
    running = false;
    Thread current = thread;
    thread = null;
    if (current == null) {
      return;
    }
    // Wakes a reconnect back-off; a wait for notifications ends by itself within POLL_MILLIS.
    current.interrupt();
    try {
      current.join(POLL_MILLIS * 4L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isRunning() {
    return running;
  }

  /** True while LISTEN is in place on a live connection. */
  public boolean isListening() {
    return listening;
  }

  private void run() {
    long backoffMillis = 250;
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        listen(connection);
        backoffMillis = 250;
        onConnected.run();
        // Only now: a lookup cached after this point is not dropped by onConnected.
        listening = true;
        log.debug("Listening for tenant configuration changes");
        receive(connection);
        forget(connection);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        // Only the exception type and state: the message may quote connection details.
        log.warn(
            "Tenant change listener lost its connection ({}); reconnecting in {} ms",
            describe(e),
            backoffMillis);
      } finally {
        listening = false;
      }
      if (!sleep(backoffMillis)) {
        break;
      }
      backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
    }
  }

  private void listen(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
      statement.execute("LISTEN " + CHANNEL);
    }
  }

  private void receive(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    long lastHealthCheck = System.nanoTime();
    while (running) {
      PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
      if (notifications != null && notifications.length > 0) {
        // A burst (a bulk UPDATE, many counted messages) names a tenant many times: once is enough.
        Set<String> tenantIds = new LinkedHashSet<>();
        for (PGNotification notification : notifications) {
          tenantIds.add(notification.getParameter());
        }
        onChanged.accept(tenantIds);
      } else if (System.nanoTime() - lastHealthCheck > HEALTH_CHECK_NANOS) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SELECT 1");
        }
        lastHealthCheck = System.nanoTime();
      }
    }
  }

  /**
   * On a clean stop the connection goes back to the pool: it must not keep listening, or its next
   * borrower would collect our notifications.
   */
  private void forget(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("UNLISTEN *");
      statement.execute("RESET application_name");
    }
  }

  private boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return running;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static String describe(Exception e) {
    return e instanceof SQLException sql
        ? e.getClass().getSimpleName() + " SQLState " + sql.getSQLState()
        : e.getClass().getSimpleName();
  }
}
