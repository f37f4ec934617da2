package com.clinicflow.activities.whatsapp;

import com.clinicflow.workflows.common.HeaderValues;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code clinicflow.evolution}: the Evolution API v2 gateway (WhatsApp). The
 * webhook settings are read by the API module; they are bound here too so that this one record
 * documents the whole prefix.
 *
 * @param baseUrl Evolution's root URL, e.g. {@code https://evolution.example.com}; unset = sandbox
 *     (messages are only recorded, no media is available)
 * @param apiKey the global {@code AUTHENTICATION_API_KEY}, sent as header {@code apikey}; a
 *     tenant's own instance token ({@code tenant_secrets.evolution_api_key}) overrides it
 * @param webhookSecret expected in header {@code X-Webhook-Secret} of Evolution's webhooks (API)
 * @param webhookJwtKey optional HS256 key when the instance webhook uses {@code jwt_key} (API)
 * @param sendTimeout client timeout of {@code sendText}, on top of {@code typingDelayMillis}
 * @param mediaTimeout client timeout of {@code getBase64FromMediaMessage}: generous, because
 *     Evolution retries a failed media download once, 5 s later, inside the same call
 * @param typingDelayMillis sendText's {@code delay}: Evolution shows "typing…" for that long
 *     <em>inside</em> the request, so it holds an activity slot and adds to the call's duration
 *     (keep it 0 unless the activity timeout leaves room: {@code ActivityStubs.EXTERNAL} is 60 s)
 */
@ConfigurationProperties(prefix = "clinicflow.evolution")
public record EvolutionProperties(
    String baseUrl,
    String apiKey,
    String webhookSecret,
    String webhookJwtKey,
    @DefaultValue("30s") Duration sendTimeout,
    @DefaultValue("45s") Duration mediaTimeout,
    @DefaultValue("0") long typingDelayMillis) {

  static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_MEDIA_TIMEOUT = Duration.ofSeconds(45);

  public EvolutionProperties {
    baseUrl = normalizeBaseUrl(blankToNull(baseUrl));
    apiKey = HeaderValues.checkedSetting(blankToNull(apiKey), "clinicflow.evolution.api-key");
    webhookSecret = blankToNull(webhookSecret);
    webhookJwtKey = blankToNull(webhookJwtKey);
    sendTimeout = positiveOr(sendTimeout, DEFAULT_SEND_TIMEOUT, "send-timeout");
    mediaTimeout = positiveOr(mediaTimeout, DEFAULT_MEDIA_TIMEOUT, "media-timeout");
    if (typingDelayMillis < 0) {
      throw new IllegalArgumentException("clinicflow.evolution.typing-delay-millis must be >= 0");
    }
  }

  /** True when no base URL is configured: WhatsApp runs in sandbox. */
  public boolean sandboxed() {
    return baseUrl == null;
  }

  /**
   * How long a sendText call may take: the typing delay blocks inside the request, so the client
   * timeout must cover it plus the ordinary send time.
   */
  Duration sendRequestTimeout() {
    return sendTimeout.plusMillis(typingDelayMillis);
  }

  /** Where Evolution is, safe to print: the base URL without any user-info part. */
  String displayBaseUrl() {
    if (baseUrl == null) {
      return null;
    }
    URI uri = URI.create(baseUrl);
    if (uri.getRawUserInfo() == null) {
      return baseUrl;
    }
    return baseUrl.replace(uri.getRawUserInfo() + "@", "");
  }

  /** Never prints the keys: a record's default toString would, and configs end up in logs. */
  @Override
  public String toString() {
    return "EvolutionProperties[baseUrl="
        + displayBaseUrl()
        + ", apiKey="
        + mask(apiKey)
        + ", webhookSecret="
        + mask(webhookSecret)
        + ", webhookJwtKey="
        + mask(webhookJwtKey)
        + ", sendTimeout="
        + sendTimeout
        + ", mediaTimeout="
        + mediaTimeout
        + ", typingDelayMillis="
        + typingDelayMillis
        + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "unset" : "***";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String normalizeBaseUrl(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.replaceAll("/+$", "");
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("clinicflow.evolution.base-url is not a URL");
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "clinicflow.evolution.base-url must be an absolute http(s) URL");
    }
    return trimmed;
  }

  private static Duration positiveOr(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("clinicflow.evolution." + name + " must be positive");
    }
    return value;
  }
}
