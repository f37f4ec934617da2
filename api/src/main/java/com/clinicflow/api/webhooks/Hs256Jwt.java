package com.clinicflow.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the HS256 JWT Evolution (2.3.0+) sends as {@code Authorization: Bearer} when a webhook
 * has a {@code jwt_key}: claims {@code {iat, exp: iat+600, app, action}}. Written with the JDK's
 * HMAC rather than a JWT library because one algorithm and two claims is all there is to check.
 */
final class Hs256Jwt {

  /** Evolution's and our clocks may disagree a little. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private final byte[] key;
  private final ObjectMapper json;

  Hs256Jwt(String key, ObjectMapper json) {
    // jsonwebtoken (Evolution) signs with the UTF-8 bytes of a string secret.
    this.key = key.getBytes(StandardCharsets.UTF_8);
    this.json = json;
  }

  /**
   * True only for a well-formed token whose header says HS256, whose signature is ours, and whose
   * {@code exp} (required) has not passed, within {@link #CLOCK_SKEW}.
   */
  boolean isValid(String token, Instant now) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      JsonNode header = json.readTree(decode(parts[0]));
      // Checking alg first is what stops "alg: none" and algorithm-confusion tokens.
      if (header == null || !"HS256".equals(header.path("alg").asText(null))) {
        return false;
      }
      byte[] expected = hmac((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!MessageDigest.isEqual(expected, decode(parts[2]))) {
        return false;
      }
      JsonNode claims = json.readTree(decode(parts[1]));
      if (claims == null || !claims.path("exp").isNumber()) {
        return false;
      }
      long exp = claims.path("exp").asLong();
      if (now.getEpochSecond() > exp + CLOCK_SKEW.toSeconds()) {
        return false;
      }
      JsonNode nbf = claims.path("nbf");
      return !nbf.isNumber() || now.getEpochSecond() + CLOCK_SKEW.toSeconds() >= nbf.asLong();
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private byte[] hmac(byte[] signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(signingInput);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] decode(String base64Url) {
    return Base64.getUrlDecoder().decode(base64Url);
  }
}
