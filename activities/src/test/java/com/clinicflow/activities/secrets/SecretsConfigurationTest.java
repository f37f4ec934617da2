package com.clinicflow.activities.secrets;

import static com.clinicflow.activities.secrets.SecretCipherTest.KEY_1;
import static com.clinicflow.activities.secrets.SecretCipherTest.KEY_2;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SecretsConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withBean(DataSource.class, EmbeddedDatabase::dataSource)
          .withUserConfiguration(SecretsConfiguration.class);

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
  }

  @Test
  void withAMasterKeySecretsAreStoredAndTheStatusNamesOnlyTheKeyId() {
    context
        .withPropertyValues(
            "clinicflow.security.master-key=" + KEY_2,
            "clinicflow.security.previous-master-keys[0]=" + KEY_1)
        .run(
            ctx -> {
              JdbcTenantSecrets secrets = ctx.getBean(JdbcTenantSecrets.class);
              assertThat(ctx.getBean(TenantSecrets.class)).isSameAs(secrets);
              assertThat(secrets.put("clinic-a", "gemini_api_key", "value")).isTrue();
              assertThat(secrets.find("clinic-a", "gemini_api_key")).hasValue("value");

              IntegrationStatus status = ctx.getBean(IntegrationStatus.class);
              assertThat(status.live()).isTrue();
              assertThat(status.detail())
                  .contains(secrets.currentKeyId().orElseThrow())
                  .doesNotContain(KEY_2);
              assertThat(ctx.getBean(MasterKeyProperties.class).previousMasterKeys())
                  .isEqualTo(List.of(KEY_1));
            });
  }

  @Test
  void withoutAMasterKeyTheContextStartsAndSecretsAreOff() {
    context.run(
        ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx.getBean(JdbcTenantSecrets.class).enabled()).isFalse();
          assertThat(ctx.getBean(IntegrationStatus.class).live()).isFalse();
        });
  }
}
