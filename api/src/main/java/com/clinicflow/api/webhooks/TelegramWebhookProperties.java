package com.clinicflow.api.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The part of {@code clinicflow.telegram.*} the webhook needs (the Telegram adapter binds the rest
 * of the prefix).
 *
 * @param webhookSecret expected in header {@code X-Telegram-Bot-Api-Secret-Token} (the {@code
 *     secret_token} given to setWebhook); unset = the webhook accepts every call (development only,
 *     warned at start)
 */
@ConfigurationProperties(prefix = "clinicflow.telegram")
public record TelegramWebhookProperties(String webhookSecret) {

  public TelegramWebhookProperties {
    webhookSecret = webhookSecret == null || webhookSecret.isEmpty() ? null : webhookSecret;
  }

  /** Never the secret: Spring prints bound properties in some failures and actuator reports. */
  @Override
  public String toString() {
    return "TelegramWebhookProperties[webhookSecret="
        + (webhookSecret == null ? "unset" : "***")
        + "]";
  }
}
