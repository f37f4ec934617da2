package com.clinicflow.activities.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One embedded PostgreSQL per test JVM with the real migrations applied. Tests share it and clean
 * the tables they use with {@link #reset()}; starting a server per class would cost seconds each.
 */
public final class EmbeddedDatabase {

  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  private EmbeddedDatabase() {}

  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dataSource = postgres.getPostgresDatabase();
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::close));
    }
    return dataSource;
  }

  public static JdbcClient jdbc() {
    return JdbcClient.create(dataSource());
  }

  /** Empties every table, so each test starts from the schema alone. */
  public static void reset() {
    jdbc()
        .sql(
            """
            TRUNCATE tenant_config, tenant_secrets, tenant_activity_log, conversation,
                     conversation_message, processed_message, outbound_message, contact_identity,
                     quota_turn
            RESTART IDENTITY CASCADE
            """)
        .update();
  }

  /** Inserts a minimal valid tenant and returns its id. */
  public static String insertTenant(String tenantId, String instanceName, Long telegramChatId) {
    jdbc()
        .sql(
            """
            INSERT INTO tenant_config (tenant_id, clinic_name, evolution_instance_name,
                telegram_internal_chat_id, system_prompt_patient, system_prompt_internal,
                system_prompt_confirmation, fallback_message, quota_exceeded_message,
                business_hours, clinic_info)
            VALUES (:id, :name, :instance, :chat, 'You are the clinic assistant.',
                'You help the clinic staff.', 'Remind the patient.', 'Sorry, try again later.',
                'Quota reached.', '{"mon": {"open": "08:00", "close": "18:00"}}'::jsonb,
                '{"appointment_minutes": 30}'::jsonb)
            """)
        .param("id", tenantId)
        .param("name", "Clinic " + tenantId)
        .param("instance", instanceName)
        .param("chat", telegramChatId)
        .update();
    return tenantId;
  }

  private static void close() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException ignored) {
      // the JVM is going away; the temporary cluster is removed with it
    }
  }
}
