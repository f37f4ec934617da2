package com.clinicflow.activities.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WhatsAppConfigurationTest {

  private final ApplicationContextRunner app =
      new ApplicationContextRunner()
          .withUserConfiguration(WhatsAppConfiguration.class)
          .withBean(DataSource.class, EmbeddedDatabase::dataSource)
          .withBean(TenantSecrets.class, () -> (tenantId, name) -> Optional.empty());

  @Test
  void withBaseUrlWhatsAppIsLiveWithDocumentedDefaults() {
    app.withPropertyValues(
            "clinicflow.evolution.base-url=https://evolution.example.com/",
            "clinicflow.evolution.api-key=global-key-0000",
            "clinicflow.evolution.webhook-secret=hook-secret",
            "clinicflow.evolution.webhook-jwt-key=jwt-key")
        .run(
            context -> {
              assertThat(context.getBean(WhatsAppActivities.class))
                  .isInstanceOf(EvolutionWhatsAppActivities.class);
              assertThat(context.getBean(MediaFetcher.class))
                  .isInstanceOf(EvolutionMediaFetcher.class);
              assertThat(context.getBean(IntegrationStatus.class))
                  .isEqualTo(
                      new IntegrationStatus("evolution", true, "https://evolution.example.com"));

              EvolutionProperties properties = context.getBean(EvolutionProperties.class);
              assertThat(properties.baseUrl()).isEqualTo("https://evolution.example.com");
              assertThat(properties.webhookSecret()).isEqualTo("hook-secret");
              assertThat(properties.webhookJwtKey()).isEqualTo("jwt-key");
              assertThat(properties.sendTimeout()).isEqualTo(Duration.ofSeconds(30));
              assertThat(properties.mediaTimeout()).isEqualTo(Duration.ofSeconds(45));
              assertThat(properties.typingDelayMillis()).isZero();
            });
  }

  @Test
  void withoutBaseUrlTheStatusSaysSandbox() {
    app.run(
        context ->
            assertThat(context.getBean(IntegrationStatus.class))
                .isEqualTo(
                    new IntegrationStatus(
                        "evolution", false, "sandbox: no clinicflow.evolution.base-url")));
  }

  @Test
  void timeoutsAndTypingDelayAreConfigurable() {
    app.withPropertyValues(
            "clinicflow.evolution.base-url=http://127.0.0.1:8081",
            "clinicflow.evolution.send-timeout=10s",
            "clinicflow.evolution.media-timeout=PT90S",
            "clinicflow.evolution.typing-delay-millis=1500")
        .run(
            context -> {
              EvolutionProperties properties = context.getBean(EvolutionProperties.class);
              assertThat(properties.sendTimeout()).isEqualTo(Duration.ofSeconds(10));
              assertThat(properties.mediaTimeout()).isEqualTo(Duration.ofSeconds(90));
              assertThat(properties.typingDelayMillis()).isEqualTo(1500);
              assertThat(properties.sendRequestTimeout()).isEqualTo(Duration.ofMillis(11_500));
            });
  }

  @Test
  void statusNeverShowsCredentialsInTheBaseUrl() {
    app.withPropertyValues("clinicflow.evolution.base-url=https://ops:s3cret@evolution.example.com")
        .run(
            context -> {
              IntegrationStatus status = context.getBean(IntegrationStatus.class);
              assertThat(status.detail())
                  .doesNotContain("s3cret")
                  .startsWith("https://evolution.example.com")
                  .contains("no global api-key");
            });
  }

  @Test
  void propertiesNeverPrintTheirSecrets() {
    EvolutionProperties properties =
        new EvolutionProperties(
            "https://evolution.example.com",
            "global-key-0000",
            "hook-secret",
            "jwt-key",
            null,
            null,
            0);

    assertThat(properties.toString())
        .contains("https://evolution.example.com")
        .doesNotContain("global-key-0000")
        .doesNotContain("hook-secret")
        .doesNotContain("jwt-key");
  }

  @Test
  void aBaseUrlThatIsNotHttpStopsStartup() {
    app.withPropertyValues("clinicflow.evolution.base-url=evolution.example.com")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void sharedHttpClientSpeaksHttp11WithAFiveSecondConnectTimeout() {
    app.run(
        context -> {
          HttpClient http = context.getBean("evolutionHttpClient", HttpClient.class);
          assertThat(http.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
          assertThat(http.connectTimeout()).contains(Duration.ofSeconds(5));
          assertThat(http.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        });
  }
}
