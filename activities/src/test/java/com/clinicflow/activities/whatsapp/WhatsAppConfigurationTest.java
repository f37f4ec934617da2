package com.clinicflow.activities.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
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
  void sharedHttpClientSpeaksHttp11WithAFiveSecondConnectTimeoutAndNoRetries() {
    app.run(
        context -> {
          OkHttpClient http = context.getBean("evolutionHttpClient", OkHttpClient.class);
          assertThat(http.protocols()).containsExactly(Protocol.HTTP_1_1);
          assertThat(http.connectTimeoutMillis()).isEqualTo(5_000);
          assertThat(http.followRedirects()).isFalse();
          assertThat(http.followSslRedirects()).isFalse();
          assertThat(http.retryOnConnectionFailure()).isFalse();
        });
  }

  @Test
  void aConnectionIdleForTheKeepAliveIsNotReused() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    server.createContext(
        "/",
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try {
      OkHttpClient http = WhatsAppConfiguration.newHttpClient(Duration.ofMillis(300));
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

      call(http, url);
      call(http, url);
      assertThat(clientPorts).as("back to back: one connection").hasSize(1);

      Thread.sleep(1_000);
      call(http, url);
      assertThat(clientPorts).as("after the keep-alive: a new connection").hasSize(2);
    } finally {
      server.stop(0);
    }
  }

  private static void call(OkHttpClient http, String url) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isEqualTo(204);
    }
  }

  @Test
  void connectionsAreNotKeptAsLongAsNodeKeepsThem() {
    assertThat(WhatsAppConfiguration.KEEP_ALIVE).isLessThan(Duration.ofSeconds(5));
  }
}
