package com.clinicflow.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A PostgreSQL 17 the harness owns, for runs where the application uses an external database: split
 * roles (each process would otherwise run its own) and the database restart scenario. Same
 * durability settings as the application's embedded one.
 */
final class HarnessPostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  HarnessPostgres(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    this.port = AppProcess.freePort();
    start();
  }

  void start() {
    try {
      Files.createDirectories(dataDirectory);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "on")
              .setServerConfig("max_connections", "300")
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("harness PostgreSQL did not start", e);
    }
  }

  /** A fast shutdown: sessions are terminated, data stay. */
  void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new IllegalStateException("harness PostgreSQL did not stop", e);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Properties that point a ClinicFlow process at this database. */
  List<String> appProperties() {
    return List.of(
        "--spring.datasource.url=" + jdbcUrl(),
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        "--spring.datasource.hikari.maximum-pool-size=20");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      // already stopped
    }
  }
}
