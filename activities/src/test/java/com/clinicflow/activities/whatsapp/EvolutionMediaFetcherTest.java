package com.clinicflow.activities.whatsapp;

import static com.clinicflow.activities.whatsapp.EvolutionWire.GLOBAL_KEY;
import static com.clinicflow.activities.whatsapp.EvolutionWire.INSTANCE;
import static com.clinicflow.activities.whatsapp.EvolutionWire.TENANT;
import static com.clinicflow.activities.whatsapp.EvolutionWire.VOICE_NOTE_BYTES;
import static com.clinicflow.activities.whatsapp.EvolutionWire.VOICE_NOTE_ID;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.media.MediaFetcher.Media;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.failure.ApplicationFailure;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EvolutionMediaFetcherTest {

  @RegisterExtension static WireMockExtension evolution = EvolutionWire.loopbackServer();

  private static final String MEDIA_PATH = "/chat/getBase64FromMediaMessage/" + INSTANCE;
  private static final MediaRef VOICE_NOTE =
      new MediaRef(TENANT, INSTANCE, VOICE_NOTE_ID, "audio/ogg; codecs=opus");

  private final Map<String, String> tenantSecrets = new HashMap<>();
  private final TenantSecrets secrets =
      (tenantId, name) -> Optional.ofNullable(tenantSecrets.get(tenantId + "/" + name));

  @Test
  void asksForTheMessageByKeyIdAndDecodesTheBase64() {
    stubMedia(
        200,
        EvolutionWire.mediaResponse(
            Base64.getEncoder().encodeToString(VOICE_NOTE_BYTES), "audio/ogg; codecs=opus"));

    Media media = fetcher().fetch(VOICE_NOTE);

    assertThat(media.bytes()).containsExactly(VOICE_NOTE_BYTES);
    assertThat(media.mimeType()).isEqualTo("audio/ogg");
    evolution.verify(
        1,
        postRequestedFor(urlPathEqualTo(MEDIA_PATH))
            .withHeader("apikey", equalTo(GLOBAL_KEY))
            .withRequestBody(
                equalToJson(
                    """
                    {"message": {"key": {"id": "3B64E98B3C8E40852793"}}, "convertToMp4": false}
                    """)));
  }

  @Test
  void acceptsCreatedAsWellAsOk() {
    stubMedia(
        201,
        EvolutionWire.mediaResponse(
            Base64.getEncoder().encodeToString(VOICE_NOTE_BYTES), "audio/mpeg"));

    Media media = fetcher().fetch(VOICE_NOTE);

    assertThat(media.bytes()).containsExactly(VOICE_NOTE_BYTES);
    assertThat(media.mimeType()).isEqualTo("audio/mpeg");
  }

  @Test
  void fallsBackToTheWebhookMimeTypeWithoutParameters() {
    stubMedia(
        200,
        EvolutionWire.mediaResponse(Base64.getEncoder().encodeToString(VOICE_NOTE_BYTES), null));

    Media media = fetcher().fetch(VOICE_NOTE);

    assertThat(media.mimeType()).isEqualTo("audio/ogg");
  }

  @Test
  void tenantInstanceTokenOverridesTheGlobalKey() {
    stubMedia(
        200,
        EvolutionWire.mediaResponse(
            Base64.getEncoder().encodeToString(VOICE_NOTE_BYTES), "audio/ogg; codecs=opus"));
    tenantSecrets.put(TENANT + "/" + TenantSecrets.EVOLUTION_API_KEY, "tenant-token-1234");

    fetcher().fetch(VOICE_NOTE);

    evolution.verify(
        1,
        postRequestedFor(urlPathEqualTo(MEDIA_PATH))
            .withHeader("apikey", equalTo("tenant-token-1234")));
  }

  @Test
  void mediaEvolutionCannotFindIsABadRequestNotRetried() {
    stubMedia(400, EvolutionWire.MEDIA_NOT_FOUND_400);

    ApplicationFailure failure = fetchExpectingFailure();

    assertThat(failure.getType()).isEqualTo(Errors.BAD_REQUEST.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("HTTP 400").contains(INSTANCE);
  }

  @Test
  void serverErrorIsRetried() {
    stubMedia(500, EvolutionWire.INTERNAL_500);

    ApplicationFailure failure = fetchExpectingFailure();

    assertThat(failure.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void unauthorizedIsNotRetried() {
    stubMedia(401, EvolutionWire.UNAUTHORIZED_401);

    ApplicationFailure failure = fetchExpectingFailure();

    assertThat(failure.getType()).isEqualTo(Errors.UNAUTHORIZED.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void answerWithoutMediaIsRetriedNotTakenAsEmptyAudio() {
    stubMedia(200, "{\"mediaType\":\"audioMessage\",\"buffer\":null}");

    ApplicationFailure failure = fetchExpectingFailure();

    assertThat(failure.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
  }

  private EvolutionMediaFetcher fetcher() {
    return new EvolutionMediaFetcher(
        new EvolutionProperties(evolution.baseUrl(), GLOBAL_KEY, null, null, null, null, 0),
        WhatsAppConfiguration.newHttpClient(),
        secrets);
  }

  private ApplicationFailure fetchExpectingFailure() {
    EvolutionMediaFetcher fetcher = fetcher();
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> fetcher.fetch(VOICE_NOTE));
    assertThat(failure).as("an ApplicationFailure").isNotNull();
    return failure;
  }

  private static void stubMedia(int status, String body) {
    evolution.stubFor(
        post(urlPathEqualTo(MEDIA_PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(body)));
  }
}
