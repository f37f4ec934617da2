package com.clinicflow.app.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 run by ClinicFlow itself (embedded mode), with its data kept under {@code
 * clinicflow.data-dir} so that conversations and clinics survive a restart.
 *
 * <p>PostgreSQL runs as a child process. If ClinicFlow was killed (SIGKILL, OOM), that child is
 * left running and holds the data folder; the next start stops it first instead of failing on the
 * lock, so an operator never has to hunt for a stray postmaster.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      stopOrphan(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              // Durability over speed: what was acknowledged survives a crash of the machine too.
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "on")
              .setServerConfig("max_connections", "200");
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      requireOwnServer(postgres, dataDirectory);
      log.info(
          "Embedded PostgreSQL on 127.0.0.1:{}, data in {}",
          postgres.getPort(),
          dataDirectory.toAbsolutePath());
      return new EmbeddedPostgresServer(postgres, dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDirectory, e);
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
      log.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  /**
   * A free port can be taken by another PostgreSQL between the moment it was picked and the start;
   * the start-up check would then connect to that other server. Refuse to run on someone else's
   * data.
   */
  private static void requireOwnServer(EmbeddedPostgres postgres, Path dataDirectory)
      throws IOException {
    try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
        java.sql.ResultSet row = connection.createStatement().executeQuery("SHOW data_directory")) {
      row.next();
      Path served = Path.of(row.getString(1)).toRealPath();
      if (!served.equals(dataDirectory.toRealPath())) {
        postgres.close();
        throw new IOException(
            "port " + postgres.getPort() + " is served by another PostgreSQL (" + served + ")");
      }
    } catch (java.sql.SQLException e) {
      throw new IOException("embedded PostgreSQL is not answering: " + e.getMessage(), e);
    }
  }

  /** Stops a postmaster left behind by a killed ClinicFlow that still holds this data folder. */
  static void stopOrphan(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (orphan.isEmpty() || !orphan.get().isAlive() || !isPostgres(orphan.get())) {
      return; // a stale file: PostgreSQL itself handles it
    }
    log.warn(
        "Stopping PostgreSQL left running by a previous ClinicFlow (pid {})", orphan.get().pid());
    orphan.get().destroy(); // SIGTERM: smart shutdown, data stay consistent
    try {
      orphan.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      orphan.get().destroyForcibly();
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.contains("postgres")).orElse(false);
  }
}
