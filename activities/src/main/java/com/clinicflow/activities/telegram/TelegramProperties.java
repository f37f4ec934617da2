package com.clinicflow.activities.telegram;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clinicflow.telegram.*}: the Telegram Bot API of the staff assistant. The admin chats
 * ({@code admin-chat-ids}) are bound by the tenant store, which decides who may address a clinic;
 * the webhook secret is read by the API too (it checks the header) and bound here so this record
 * documents the prefix.
 *
 * @param baseUrl Bot API root without a path, {@code https://api.telegram.org} by default; tests
 *     point it at a fake
 * @param botToken the bot's token from BotFather; none = sandbox (messages are only recorded).
 *     Never logged: it is part of every request path
 * @param webhookSecret expected in header {@code X-Telegram-Bot-Api-Secret-Token} (setWebhook's
 *     {@code secret_token})
 * @param timeout of one Bot API call
 */
@ConfigurationProperties(prefix = "clinicflow.telegram")
public record TelegramProperties(
    @DefaultValue(DEFAULT_BASE_URL) String baseUrl,
    String botToken,
    String webhookSecret,
    @DefaultValue("20s") Duration timeout) {

  public static final String DEFAULT_BASE_URL = "https://api.telegram.org";

  /** The bot id of sandbox mode, for the update ledger. */
  public static final String SANDBOX_BOT = "sandbox";

  public TelegramProperties {
    baseUrl = blank(baseUrl) ? DEFAULT_BASE_URL : stripSlash(baseUrl.trim());
    botToken = blank(botToken) ? null : botToken.trim();
    webhookSecret = blank(webhookSecret) ? null : webhookSecret;
    timeout =
        timeout == null || timeout.isZero() || timeout.isNegative()
            ? Duration.ofSeconds(20)
            : timeout;
    URI uri = URI.create(baseUrl);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("clinicflow.telegram.base-url must be an absolute URL");
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
      // The Bot API client takes a scheme, host and port only: behind a path, messages would go
      // to the root while files came from the path.
      throw new IllegalArgumentException(
          "clinicflow.telegram.base-url must be a root (scheme://host[:port]), without a path");
    }
  }

  public static TelegramProperties of(String baseUrl, String botToken) {
    return new TelegramProperties(baseUrl, botToken, null, null);
  }

  /** True without a bot token: messages are only recorded. */
  public boolean sandboxed() {
    return botToken == null;
  }

  /**
   * Which bot the updates belong to: the numeric id before the token's colon ({@code 123456:ABC…} →
   * {@code 123456}), which is public, unlike the token. {@code sandbox} without a token.
   */
  public String botId() {
    if (botToken == null) {
      return SANDBOX_BOT;
    }
    int colon = botToken.indexOf(':');
    return colon > 0 ? botToken.substring(0, colon) : "bot";
  }

  @Override
  public String toString() {
    return "TelegramProperties[baseUrl="
        + baseUrl
        + ", botToken="
        + (botToken == null ? "none" : "***")
        + ", webhookSecret="
        + (webhookSecret == null ? "none" : "***")
        + ", timeout="
        + timeout
        + "]";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
