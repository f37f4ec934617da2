package com.clinicflow.activities.whatsapp;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * WhatsApp through Evolution API v2, or its sandbox when {@code clinicflow.evolution.base-url} is
 * unset. Needs a {@link DataSource} (for {@code outbound_message}) and a {@link TenantSecrets} in
 * the context; a {@link MeterRegistry} is used when there is one.
 *
 * <p>Beans: {@code whatsAppActivities} ({@link WhatsAppActivities}), {@code whatsAppMediaFetcher}
 * ({@link MediaFetcher}), {@code evolutionIntegrationStatus} ({@link IntegrationStatus}) and {@code
 * evolutionHttpClient} ({@link OkHttpClient}, qualified by name so it never competes with another
 * integration's client).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvolutionProperties.class)
public class WhatsAppConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppConfiguration.class);

  static final String SANDBOX_DETAIL = "sandbox: no clinicflow.evolution.base-url";

  /** Connecting is quick or broken; the per-request timeouts bound the rest. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The start-to-close timeout of {@code ActivityStubs.EXTERNAL}: a send that may take longer is
   * cut off by Temporal and retried while Evolution may still deliver it.
   */
  private static final Duration EXTERNAL_ACTIVITY_TIMEOUT = Duration.ofSeconds(60);

  /**
   * A pooled connection idle this long is closed rather than reused: Node's HTTP server (Evolution)
   * closes idle keep-alive connections after 5 s, and a send written into a connection the server
   * is closing fails (to be retried by Temporal) although nothing was wrong.
   */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(4);

  /**
   * HTTP/1.1 (Evolution is a Node server, often behind a proxy that mishandles h2c upgrades), no
   * redirects (a redirect means a wrong base URL), and no retries of its own (only Temporal
   * retries). OkHttp, not the JDK's {@code HttpClient}: its blocking call writes and reads on the
   * activity's own thread, where the JDK client hands each exchange to its selector thread and back
   * (decision 0017).
   */
  @Bean
  public OkHttpClient evolutionHttpClient() {
    return newHttpClient();
  }

  @Bean
  public WhatsAppActivities whatsAppActivities(
      EvolutionProperties properties,
      @Qualifier("evolutionHttpClient") OkHttpClient http,
      DataSource dataSource,
      TenantSecrets secrets,
      ObjectProvider<MeterRegistry> meters) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    MeterRegistry registry = meters.getIfAvailable();
    if (properties.sandboxed()) {
      return new SandboxWhatsAppActivities(new OutboundLedger(jdbc), new SendMetrics(registry));
    }
    if (properties.sendRequestTimeout().compareTo(EXTERNAL_ACTIVITY_TIMEOUT) >= 0) {
      log.warn(
          "clinicflow.evolution.send-timeout + typing-delay-millis ({}) reaches the activity's"
              + " start-to-close timeout ({}): slow sends will be retried while still in flight",
          properties.sendRequestTimeout(),
          EXTERNAL_ACTIVITY_TIMEOUT);
    }
    return new EvolutionWhatsAppActivities(properties, http, jdbc, secrets, registry);
  }

  @Bean
  public MediaFetcher whatsAppMediaFetcher(
      EvolutionProperties properties,
      @Qualifier("evolutionHttpClient") OkHttpClient http,
      TenantSecrets secrets) {
    if (properties.sandboxed()) {
      return new SandboxMediaFetcher();
    }
    return new EvolutionMediaFetcher(properties, http, secrets);
  }

  @Bean
  public IntegrationStatus evolutionIntegrationStatus(EvolutionProperties properties) {
    return status(properties);
  }

  static IntegrationStatus status(EvolutionProperties properties) {
    if (properties.sandboxed()) {
      return new IntegrationStatus("evolution", false, SANDBOX_DETAIL);
    }
    String detail = properties.displayBaseUrl();
    if (properties.apiKey() == null) {
      detail += " (no global api-key: each clinic needs its own evolution_api_key)";
    }
    return new IntegrationStatus("evolution", true, detail);
  }

  /** The client of {@link #evolutionHttpClient()}, for the bench's direct baseline too. */
  public static OkHttpClient newHttpClient() {
    return newHttpClient(KEEP_ALIVE);
  }

  static OkHttpClient newHttpClient(Duration keepAlive) {
    return new OkHttpClient.Builder()
        .protocols(List.of(Protocol.HTTP_1_1))
        .connectTimeout(CONNECT_TIMEOUT)
        // Each call sets its own deadline (EvolutionClient); no per-read limit of the client's.
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectionPool(new ConnectionPool(20, keepAlive.toMillis(), TimeUnit.MILLISECONDS))
        .build();
  }
}
