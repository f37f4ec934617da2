package com.clinicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code clinicflow import n8n-memory} from an n8n database into a ClinicFlow one. */
class ImportN8nMemoryTest {

  @Test
  void copiesN8nMemoryIntoTranscriptsAndReportsWhatItDid() throws Exception {
    try (EmbeddedPostgres n8nDb = EmbeddedPostgres.builder().start();
        EmbeddedPostgres clinicflowDb = EmbeddedPostgres.builder().start()) {
      Flyway.configure()
          .dataSource(clinicflowDb.getPostgresDatabase())
          .locations("classpath:db/migration", "classpath:db/demo")
          .load()
          .migrate();
      JdbcClient n8n = JdbcClient.create(n8nDb.getPostgresDatabase());
      n8n.sql(
              "CREATE TABLE n8n_chat_histories (id SERIAL PRIMARY KEY,"
                  + " session_id VARCHAR(255) NOT NULL, message JSONB NOT NULL)")
          .update();
      n8n.sql(
              "INSERT INTO n8n_chat_histories (session_id, message) VALUES"
                  + " ('demo:5511900000001@s.whatsapp.net', '{\"type\":\"human\",\"content\":\"Oi\"}'),"
                  + " ('demo:5511900000001@s.whatsapp.net', '{\"type\":\"ai\",\"content\":\"Olá!\"}'),"
                  + " ('other:5511900000002@s.whatsapp.net', '{\"type\":\"human\",\"content\":\"x\"}')")
          .update();

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit =
          Cli.run(
              new String[] {
                "import",
                "n8n-memory",
                "--json",
                "--n8n-db-url",
                n8nDb.getJdbcUrl("postgres", "postgres"),
                "--db-url",
                clinicflowDb.getJdbcUrl("postgres", "postgres")
              },
              Map.of(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(new ByteArrayOutputStream()),
              new ByteArrayInputStream(new byte[0]));

      assertThat(exit).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("\"imported\":2", "\"unknown_tenant\":1");
      assertThat(
              JdbcClient.create(clinicflowDb.getPostgresDatabase())
                  .sql(
                      "SELECT role FROM conversation_message WHERE tenant_id = 'demo'"
                          + " AND contact = '5511900000001' ORDER BY seq")
                  .query(String.class)
                  .list())
          .containsExactly("USER", "MODEL");
    }
  }

  @Test
  void aMissingDatabaseUrlIsAUsageError() {
    int exit =
        Cli.run(
            new String[] {"import", "n8n-memory"},
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()),
            new ByteArrayInputStream(new byte[0]));
    assertThat(exit).isEqualTo(ExitCode.USAGE);
  }
}
