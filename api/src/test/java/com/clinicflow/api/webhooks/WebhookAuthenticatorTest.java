package com.clinicflow.api.webhooks;

import static com.clinicflow.api.webhooks.EvolutionPayloads.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;

@ExtendWith(OutputCaptureExtension.class)
class WebhookAuthenticatorTest {

  private static final String KEY = "jwt-key";
  private static final long EXP = 1_763_040_000L;

  private static WebhookAuthenticator jwtOnlyAt(long epochSecond) {
    return new WebhookAuthenticator(
        new EvolutionWebhookProperties(null, KEY, null),
        new ObjectMapper(),
        Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private static MockHttpServletRequest bearer(String token) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/evolution");
    request.addHeader("Authorization", "Bearer " + token);
    return request;
  }

  private static String token(String claims) {
    return hs256(KEY, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims);
  }

  @Test
  void jwtIsAcceptedUpToSixtySecondsPastExpiry() {
    String token = token("{\"exp\":" + EXP + "}");
    assertThatCode(() -> jwtOnlyAt(EXP + 60).verify(bearer(token))).doesNotThrowAnyException();
    assertThatThrownBy(() -> jwtOnlyAt(EXP + 61).verify(bearer(token)))
        .isInstanceOf(WebhookRejectedException.class);
  }

  @Test
  void jwtNotYetValidIsRefused() {
    String token = token("{\"exp\":" + EXP + ",\"nbf\":" + (EXP - 100) + "}");
    assertThatThrownBy(() -> jwtOnlyAt(EXP - 200).verify(bearer(token)))
        .isInstanceOf(WebhookRejectedException.class);
    assertThatCode(() -> jwtOnlyAt(EXP - 150).verify(bearer(token))).doesNotThrowAnyException();
  }

  @Test
  void tamperedClaimsAreRefused() {
    String token = token("{\"exp\":" + EXP + "}");
    String[] parts = token.split("\\.");
    String later =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("{\"exp\":" + (EXP + 100_000) + "}").getBytes());
    String tampered = parts[0] + "." + later + "." + parts[2];
    assertThatThrownBy(() -> jwtOnlyAt(EXP + 1000).verify(bearer(tampered)))
        .isInstanceOf(WebhookRejectedException.class);
  }

  @Test
  void secretHeaderAloneIsNotEnoughWhenOnlyAJwtKeyIsConfigured() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/evolution");
    request.addHeader("X-Webhook-Secret", KEY);
    assertThatThrownBy(() -> jwtOnlyAt(EXP).verify(request))
        .isInstanceOf(WebhookRejectedException.class);
  }

  @Test
  void warnsAtStartWhenWebhooksAreUnauthenticated(CapturedOutput output) {
    WebhookAuthenticator open =
        new WebhookAuthenticator(
            new EvolutionWebhookProperties(" ", "", null), new ObjectMapper(), Clock.systemUTC());
    assertThat(output).contains("WARN").contains("webhooks are unauthenticated");
    assertThatCode(() -> open.verify(new MockHttpServletRequest())).doesNotThrowAnyException();
  }

  @Test
  void staysQuietWhenASecretIsConfigured(CapturedOutput output) {
    new WebhookAuthenticator(
        new EvolutionWebhookProperties("s3cret", null, null),
        new ObjectMapper(),
        Clock.systemUTC());
    assertThat(output).doesNotContain("unauthenticated");
  }

  @Test
  void propertiesNeverPrintSecrets() {
    assertThat(new EvolutionWebhookProperties("s3cret", "k3y", null).toString())
        .doesNotContain("s3cret")
        .doesNotContain("k3y");
  }
}
