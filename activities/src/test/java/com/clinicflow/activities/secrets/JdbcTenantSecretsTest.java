package com.clinicflow.activities.secrets;

import static com.clinicflow.activities.secrets.SecretCipherTest.KEY_1;
import static com.clinicflow.activities.secrets.SecretCipherTest.KEY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class JdbcTenantSecretsTest {

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
  }

  @Test
  void aStoredSecretIsReadBackAndIsNotInTheDatabaseInClear() {
    JdbcTenantSecrets secrets = secrets(KEY_1);

    assertThat(secrets.put("clinic-a", TenantSecrets.GEMINI_API_KEY, "AIza-clinic-a")).isTrue();

    assertThat(secrets.find("clinic-a", TenantSecrets.GEMINI_API_KEY)).hasValue("AIza-clinic-a");
    assertThat(secrets.find("clinic-b", TenantSecrets.GEMINI_API_KEY)).isEmpty();
    assertThat(secrets.find("clinic-a", TenantSecrets.EVOLUTION_API_KEY)).isEmpty();
    byte[] stored =
        jdbc.sql("SELECT ciphertext FROM tenant_secrets WHERE tenant_id = 'clinic-a'")
            .query(byte[].class)
            .single();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("AIza");
  }

  @Test
  void puttingAgainReplacesTheValue() {
    JdbcTenantSecrets secrets = secrets(KEY_1);
    secrets.put("clinic-a", "gemini_api_key", "first");

    secrets.put("clinic-a", "gemini_api_key", "second");

    assertThat(secrets.find("clinic-a", "gemini_api_key")).hasValue("second");
    assertThat(secrets.names("clinic-a")).containsExactly("gemini_api_key");
  }

  @Test
  void aRowCopiedToAnotherTenantDoesNotDecrypt() {
    JdbcTenantSecrets secrets = secrets(KEY_1);
    secrets.put("clinic-a", "gemini_api_key", "AIza-clinic-a");
    jdbc.sql(
            """
            INSERT INTO tenant_secrets (tenant_id, name, key_id, ciphertext)
            SELECT 'clinic-b', name, key_id, ciphertext FROM tenant_secrets
             WHERE tenant_id = 'clinic-a'
            """)
        .update();

    assertThatThrownBy(() -> secrets.find("clinic-b", "gemini_api_key"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("CONFIGURATION");
              assertThat(f.isNonRetryable()).isTrue();
            })
        .hasMessageNotContaining("AIza");
  }

  @Test
  void valuesWrittenBeforeARotationStayReadableThroughThePreviousKey() {
    secrets(KEY_1).put("clinic-a", "gemini_api_key", "written under key 1");

    JdbcTenantSecrets rotated =
        new JdbcTenantSecrets(jdbc, new SecretCipher(KEY_2, List.of(KEY_1)));

    assertThat(rotated.find("clinic-a", "gemini_api_key")).hasValue("written under key 1");
    assertThat(rotated.reencrypt("clinic-a")).isEqualTo(1);
    assertThat(secrets(KEY_2).find("clinic-a", "gemini_api_key")).hasValue("written under key 1");
    assertThat(rotated.reencrypt("clinic-a")).isZero();
  }

  @Test
  void withoutAMasterKeyNothingIsReadAndWritingIsRefused() {
    secrets(KEY_1).put("clinic-a", "gemini_api_key", "value");
    JdbcTenantSecrets keyless = new JdbcTenantSecrets(jdbc, null);

    assertThat(keyless.find("clinic-a", "gemini_api_key")).isEmpty();
    assertThatThrownBy(() -> keyless.put("clinic-a", "gemini_api_key", "value"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no master key configured");
    assertThat(keyless.enabled()).isFalse();
  }

  @Test
  void namesAndDeletionNeverInvolveValues() {
    JdbcTenantSecrets secrets = secrets(KEY_1);
    secrets.put("clinic-a", "telegram_bot_token", "t");
    secrets.put("clinic-a", "gemini_api_key", "g");
    secrets.put("clinic-b", "evolution_api_key", "e");

    assertThat(secrets.names("clinic-a")).containsExactly("gemini_api_key", "telegram_bot_token");
    assertThat(secrets.delete("clinic-a", "gemini_api_key")).isTrue();
    assertThat(secrets.delete("clinic-a", "gemini_api_key")).isFalse();
    assertThat(secrets.names("clinic-a")).containsExactly("telegram_bot_token");
    assertThat(secrets.names("clinic-b")).containsExactly("evolution_api_key");
  }

  /** The clinic's activity log says which key was set or removed, never what it was. */
  @Test
  void settingAndRemovingAKeyIsLoggedByNameOnly() {
    JdbcTenantSecrets secrets = secrets(KEY_1);
    secrets.put("clinic-a", "gemini_api_key", "AIza-first-value");
    secrets.put("clinic-a", "gemini_api_key", "AIza-second-value");
    secrets.delete("clinic-a", "gemini_api_key");

    assertThat(
            jdbc.sql(
                    "SELECT event_type || ' ' || details::text FROM tenant_activity_log"
                        + " WHERE tenant_id = 'clinic-a' ORDER BY id")
                .query(String.class)
                .list())
        .containsExactly(
            "secret_set {\"name\": \"gemini_api_key\"}",
            "secret_set {\"name\": \"gemini_api_key\"}",
            "secret_removed {\"name\": \"gemini_api_key\"}");
    // A clinic deleted with SQL takes its keys along, with nothing left to log to.
    secrets.put("clinic-a", "telegram_bot_token", "t");
    jdbc.sql("DELETE FROM tenant_config WHERE tenant_id = 'clinic-a'").update();
    assertThat(jdbc.sql("SELECT count(*) FROM tenant_secrets").query(Long.class).single()).isZero();
  }

  @Test
  void aSecretForAnUnknownTenantIsNotStored() {
    assertThat(secrets(KEY_1).put("nobody", "gemini_api_key", "value")).isFalse();
  }

  @Test
  void aSecretIsReadFromTheDatabaseOncePerTtlAndAWriteHereAppliesAtOnce() {
    AtomicLong now = new AtomicLong();
    JdbcTenantSecrets secrets =
        new JdbcTenantSecrets(
            jdbc, new SecretCipher(KEY_1, List.of()), Duration.ofSeconds(10), now::get);
    secrets.put("clinic-a", "gemini_api_key", "first");
    assertThat(secrets.find("clinic-a", "gemini_api_key")).hasValue("first");
    assertThat(secrets.find("clinic-a", "evolution_api_key")).isEmpty();

    // Another process (or plain SQL) changes both: this one keeps what it read until the TTL ends.
    secrets(KEY_1).put("clinic-a", "gemini_api_key", "second");
    secrets(KEY_1).put("clinic-a", "evolution_api_key", "token");
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(secrets.find("clinic-a", "gemini_api_key")).hasValue("first");
    assertThat(secrets.find("clinic-a", "evolution_api_key")).isEmpty();

    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(secrets.find("clinic-a", "gemini_api_key")).hasValue("second");
    assertThat(secrets.find("clinic-a", "evolution_api_key")).hasValue("token");

    // Through this object, a write or a delete is seen by the very next read.
    secrets.put("clinic-a", "gemini_api_key", "third");
    assertThat(secrets.find("clinic-a", "gemini_api_key")).hasValue("third");
    secrets.delete("clinic-a", "gemini_api_key");
    assertThat(secrets.find("clinic-a", "gemini_api_key")).isEmpty();
  }

  @Test
  void aZeroTtlReadsTheDatabaseEveryTime() {
    JdbcTenantSecrets uncached =
        new JdbcTenantSecrets(
            jdbc, new SecretCipher(KEY_1, List.of()), Duration.ZERO, System::nanoTime);
    uncached.put("clinic-a", "gemini_api_key", "first");
    assertThat(uncached.find("clinic-a", "gemini_api_key")).hasValue("first");

    secrets(KEY_1).put("clinic-a", "gemini_api_key", "second");

    assertThat(uncached.find("clinic-a", "gemini_api_key")).hasValue("second");
  }

  private JdbcTenantSecrets secrets(String masterKey) {
    return new JdbcTenantSecrets(jdbc, new SecretCipher(masterKey, List.of()));
  }
}
