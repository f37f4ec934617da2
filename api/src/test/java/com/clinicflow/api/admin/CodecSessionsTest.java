package com.clinicflow.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;

class CodecSessionsTest {

  private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
  private static final Duration EIGHT_HOURS = Duration.ofHours(8);

  private final CodecSessions sessions = at(NOW, "admin-token");

  @Test
  void aSessionIsAnHttpOnlyStrictCookieForTheCodecPathOnly() {
    ResponseCookie cookie = sessions.start(true);

    assertThat(cookie.getName()).isEqualTo("clinicflow_codec");
    assertThat(cookie.getPath()).isEqualTo("/codec");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.isSecure()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    assertThat(cookie.getMaxAge()).isEqualTo(EIGHT_HOURS);
    assertThat(cookie.getValue()).doesNotContain("admin-token");
    assertThat(sessions.valid(cookie.getValue())).isTrue();
    assertThat(sessions.start(false).isSecure()).isFalse();
  }

  @Test
  void aSessionEndsWithItsDurationAndWithTheAdminToken() {
    String value = sessions.start(false).getValue();

    assertThat(at(NOW.plus(EIGHT_HOURS).minusSeconds(1), "admin-token").valid(value)).isTrue();
    assertThat(at(NOW.plus(EIGHT_HOURS), "admin-token").valid(value)).isFalse();
    // A new admin token ends every session: the key is derived from it.
    assertThat(at(NOW, "rotated-token").valid(value)).isFalse();
    assertThat(at(NOW, null).valid(value)).isFalse();
  }

  @Test
  void aForgedOrMangledCookieIsNoSession() {
    String value = sessions.start(false).getValue();
    String expiry = value.substring(0, value.indexOf('.'));
    String later = String.valueOf(Long.parseLong(expiry) + 86_400);

    assertThat(sessions.valid(later + value.substring(value.indexOf('.')))).isFalse();
    assertThat(sessions.valid(value + "x")).isFalse();
    assertThat(sessions.valid(expiry)).isFalse();
    assertThat(sessions.valid("")).isFalse();
    assertThat(sessions.valid("not-a-number.abc")).isFalse();
    assertThat(sessions.valid(null)).isFalse();
    assertThat(sessions.end(false).getMaxAge()).isZero();
  }

  private static CodecSessions at(Instant now, String token) {
    return new CodecSessions(token, EIGHT_HOURS, Clock.fixed(now, ZoneOffset.UTC));
  }
}
