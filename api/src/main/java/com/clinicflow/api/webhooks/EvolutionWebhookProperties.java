package com.clinicflow.api.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code clinicflow.evolution.*} as the webhook endpoint sees it (the sending side binds its own
 * record to the same prefix). With neither a secret nor a JWT key the webhook accepts every call:
 * fine for the embedded developer mode, logged as a warning at start.
 *
 * @param webhookSecret expected in header {@code X-Webhook-Secret} (Evolution instance webhook
 *     {@code headers})
 * @param webhookJwtKey Evolution's {@code headers.jwt_key}: it then sends {@code Authorization:
 *     Bearer <JWT>} signed HS256 with this key
 * @param maxWebhookBytes larger bodies are answered 413; default 10 MiB leaves room for a voice
 *     note sent with {@code base64: true}
 */
@ConfigurationProperties(prefix = "clinicflow.evolution")
public record EvolutionWebhookProperties(
    String webhookSecret, String webhookJwtKey, DataSize maxWebhookBytes) {

  /** 10 MiB (Spring's "MB" is 1024 × 1024 bytes). */
  public static final DataSize DEFAULT_MAX_WEBHOOK_BYTES = DataSize.ofMegabytes(10);

  public EvolutionWebhookProperties {
    webhookSecret = blankToNull(webhookSecret);
    webhookJwtKey = blankToNull(webhookJwtKey);
    if (maxWebhookBytes == null) {
      maxWebhookBytes = DEFAULT_MAX_WEBHOOK_BYTES;
    }
    if (maxWebhookBytes.toBytes() <= 0) {
      throw new IllegalArgumentException("clinicflow.evolution.max-webhook-bytes must be positive");
    }
  }

  /** Whether any webhook credential is configured; if not, webhooks are unauthenticated. */
  public boolean authenticated() {
    return webhookSecret != null || webhookJwtKey != null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    return "EvolutionWebhookProperties[webhookSecret="
        + (webhookSecret == null ? "unset" : "***")
        + ", webhookJwtKey="
        + (webhookJwtKey == null ? "unset" : "***")
        + ", maxWebhookBytes="
        + maxWebhookBytes
        + "]";
  }
}
