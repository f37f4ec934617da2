package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.app.runtime.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production layout's database (an external PostgreSQL, the pool Spring Boot builds from {@code
 * spring.datasource.*}) stopped and started again under a running ClinicFlow: while it is down a
 * patient's webhook answers 503 within seconds, so Evolution retries it instead of timing out on a
 * request held for Hikari's default 30 s; once it is back the retried webhook is taken in and
 * answered exactly once, and the conversation that ran before the outage goes on.
 */
class DatabaseOutageIT extends RunningClinicFlow {

  private static final ExternalPostgres database = new ExternalPostgres();

  @DynamicPropertySource
  static void externalDatabase(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", database::jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  @AfterAll
  static void stopDatabase() {
    database.stop();
  }

  @Test
  void aWebhookDuringAnOutageIsRefusedQuicklyAndItsRetryIsAnsweredOnce() throws Exception {
    String instance = "outage_instance";
    createClinic("outage-clinic", instance);
    String phone = nextPhone();
    patientWrites(instance, phone, "antes da queda");
    awaitTrue("the reply before the outage", () -> sends(phone).size() == 1);

    String duringOutage = upsert(instance, phone, "ID-OUTAGE-1", "durante a queda");
    database.stop();
    // The first posts may fail at once on the pool's dead connections; once those are evicted
    // each post waits for a new connection, up to the pool's connection timeout.
    for (int post = 1; post <= 3; post++) {
      long started = System.nanoTime();
      HttpResponse<String> refused = webhook(duringOutage);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(readTree(refused.body()).get("error").asText())
          .isEqualTo("temporarily_unavailable");
      // 3 s of connection timeout and the ledger's own work; Hikari's default would be 30 s.
      assertThat(waited).as("post %d during the outage", post).isLessThan(Duration.ofSeconds(15));
    }

    database.start();
    awaitTrue(
        "the retried webhook taken in",
        Duration.ofSeconds(60),
        () -> webhookStatus(duringOutage) == 200);
    awaitTrue("the reply to the retried message", () -> sends(phone).size() == 2);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM processed_message WHERE tenant_id = 'outage-clinic'"
                        + " AND provider_message_id = 'ID-OUTAGE-1' AND signalled_at IS NOT NULL")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    settle();
    assertThat(sends(phone)).hasSize(2);
  }

  private int webhookStatus(String body) {
    try {
      return webhook(body).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * ClinicFlow's own embedded PostgreSQL server, used here as the external database: stopped and
   * started again on the same port and data.
   */
  private static final class ExternalPostgres {

    private final Path dataDirectory;
    private final int port = TestPorts.free();
    private EmbeddedPostgresServer server;

    ExternalPostgres() {
      try {
        dataDirectory = Files.createTempDirectory("clinicflow-outage-pg");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      start();
    }

    String jdbcUrl() {
      return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() {
      server = EmbeddedPostgresServer.start(dataDirectory, port);
    }

    /** A fast shutdown: sessions are terminated, data stay. */
    void stop() {
      server.close();
    }
  }
}
