package com.clinicflow.api.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseCookie;

/**
 * Browser sessions for the codec endpoint. The Temporal UI calls {@code /codec} from the operator's
 * browser, and can send no bearer token of ClinicFlow's — only an access token of its own login, or
 * the browser's cookies ({@code TEMPORAL_CODEC_INCLUDE_CREDENTIALS}). So an operator signs in once
 * at {@code /codec/login} with the admin token, and the browser keeps a cookie the UI's calls
 * carry.
 *
 * <p>The cookie is {@code <expiry>.<HMAC-SHA256 of it>}, keyed by the admin token: nothing is
 * stored, every api process accepts it, and changing the token ends every session. It is {@code
 * HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's page sends it; the UI
 * and the API must share a site, as {@code localhost:8233} and {@code localhost:8080} do) and
 * {@code Path=/codec} (the admin API stays bearer-only).
 */
final class CodecSessions {

  static final String COOKIE = "clinicflow_codec";
  static final String PATH = "/codec";

  private final SecretKeySpec key;
  private final Duration duration;
  private final Clock clock;

  /**
   * @param adminToken the admin token; null = no sessions (the admin API is disabled too)
   */
  CodecSessions(String adminToken, Duration duration, Clock clock) {
    this.key =
        adminToken == null
            ? null
            : new SecretKeySpec(
                AdminTokenFilter.sha256("clinicflow codec session\n" + adminToken), "HmacSHA256");
    this.duration = duration;
    this.clock = clock;
  }

  /** A new session's cookie, {@code Secure} when the sign-in came over HTTPS. */
  ResponseCookie start(boolean secure) {
    long expiry = clock.instant().plus(duration).getEpochSecond();
    return cookie(expiry + "." + mac(expiry), secure, duration);
  }

  /** The cookie that ends a session in the browser. */
  ResponseCookie end(boolean secure) {
    return cookie("", secure, Duration.ZERO);
  }

  /** When a session started now ends. */
  Instant endOfNewSession() {
    return clock.instant().plus(duration);
  }

  /** Whether {@code value} is a session this server issued that has not ended. */
  boolean valid(String value) {
    if (key == null || value == null) {
      return false;
    }
    int dot = value.indexOf('.');
    long expiry;
    try {
      expiry = Long.parseLong(value.substring(0, Math.max(dot, 0)));
    } catch (NumberFormatException e) {
      return false;
    }
    if (expiry <= clock.instant().getEpochSecond()) {
      return false;
    }
    return MessageDigest.isEqual(
        mac(expiry).getBytes(StandardCharsets.US_ASCII),
        value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
  }

  private String mac(long expiry) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] tag = mac.doFinal(Long.toString(expiry).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static ResponseCookie cookie(String value, boolean secure, Duration maxAge) {
    return ResponseCookie.from(COOKIE, value)
        .path(PATH)
        .httpOnly(true)
        .sameSite("Strict")
        .secure(secure)
        .maxAge(maxAge)
        .build();
  }
}
