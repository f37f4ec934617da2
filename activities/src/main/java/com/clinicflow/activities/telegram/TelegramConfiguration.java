package com.clinicflow.activities.telegram;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.workflows.messaging.TelegramActivities;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Telegram through the Bot API, or its sandbox without {@code clinicflow.telegram.bot-token}. Needs
 * a {@link DataSource} ({@code outbound_message}, {@code telegram_update}).
 *
 * <p>Beans: {@code telegramActivities} ({@link TelegramActivities}, for the worker), {@code
 * telegramMediaFetcher} ({@link MediaFetcher}: staff voice notes, for the model's call), {@code
 * telegramUpdateLedger} ({@link TelegramUpdateLedger}, for the webhook) and {@code
 * telegramIntegrationStatus}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelegramProperties.class)
public class TelegramConfiguration {

  @Bean
  public TelegramActivities telegramActivities(
      TelegramProperties properties, DataSource dataSource) {
    TelegramLedger ledger = new TelegramLedger(JdbcClient.create(dataSource));
    return new TelegramSender(ledger, properties.sandboxed() ? null : new BotApiClient(properties));
  }

  /**
   * Staff voice notes for the model's call; in sandbox (no bot token) a voice note has no bytes and
   * the model is told so.
   */
  @Bean
  public MediaFetcher telegramMediaFetcher(TelegramProperties properties) {
    return properties.sandboxed()
        ? new SandboxTelegramFiles()
        : new TelegramMediaFetcher(properties);
  }

  @Bean
  public TelegramUpdateLedger telegramUpdateLedger(
      TelegramProperties properties, DataSource dataSource) {
    return new TelegramUpdateLedger(JdbcClient.create(dataSource), properties.botId());
  }

  @Bean
  public IntegrationStatus telegramIntegrationStatus(TelegramProperties properties) {
    if (properties.sandboxed()) {
      return new IntegrationStatus("telegram", false, "sandbox: no clinicflow.telegram.bot-token");
    }
    String detail = properties.baseUrl() + " (bot " + properties.botId() + ")";
    if (properties.webhookSecret() == null) {
      detail += " (no webhook-secret: /webhooks/telegram is unauthenticated)";
    }
    return new IntegrationStatus("telegram", true, detail);
  }
}
