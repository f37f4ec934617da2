package com.clinicflow.api.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Decides whether a webhook call comes from our Evolution. Evolution signs nothing; it can send a
 * static header ({@code X-Webhook-Secret}) or a short-lived HS256 JWT. Either configured credential
 * is accepted; with none configured, every call is (development only, warned at start).
 */
@Component
class WebhookAuthenticator {

  static final String SECRET_HEADER = "X-Webhook-Secret";
  private static final String BEARER = "bearer ";
  private static final Logger log = LoggerFactory.getLogger(WebhookAuthenticator.class);

  private final byte[] secretDigest;
  private final Hs256Jwt jwt;
  private final Clock clock;

  @Autowired
  WebhookAuthenticator(EvolutionWebhookProperties properties, ObjectMapper json) {
    this(properties, json, Clock.systemUTC());
  }

  WebhookAuthenticator(EvolutionWebhookProperties properties, ObjectMapper json, Clock clock) {
    this.secretDigest =
        properties.webhookSecret() == null ? null : sha256(properties.webhookSecret());
    this.jwt =
        properties.webhookJwtKey() == null ? null : new Hs256Jwt(properties.webhookJwtKey(), json);
    this.clock = clock;
    if (!properties.authenticated()) {
      log.warn(
          "Evolution webhooks are unauthenticated: set clinicflow.evolution.webhook-secret"
              + " (header X-Webhook-Secret) or clinicflow.evolution.webhook-jwt-key before exposing"
              + " /webhooks/evolution.");
    }
  }

  /**
   * @throws WebhookRejectedException 401 when credentials are configured and none presented match
   */
  void verify(HttpServletRequest request) {
    if (secretDigest == null && jwt == null) {
      return;
    }
    if (secretDigest != null) {
      String presented = request.getHeader(SECRET_HEADER);
      // Comparing digests keeps the time independent of the secret, including its length.
      if (presented != null && MessageDigest.isEqual(secretDigest, sha256(presented))) {
        return;
      }
    }
    if (jwt != null) {
      String token = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
      if (token != null && jwt.isValid(token, clock.instant())) {
        return;
      }
    }
    throw WebhookRejectedException.unauthorized();
  }

  private static String bearerToken(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
