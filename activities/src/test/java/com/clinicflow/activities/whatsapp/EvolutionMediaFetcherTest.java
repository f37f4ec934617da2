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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.media.MediaFetcher.Media;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EvolutionMediaFetcherTest {

  /** Announces each answer's length, as Evolution does: neither compressed nor chunked. */
  @RegisterExtension
  static WireMockExtension evolution =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  // OkHttp unzips a compressed answer and no longer knows its length.
                  .gzipDisabled(true)
                  .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.BODY_FILE))
          .build();

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

  @Test
  void aPhotoDecodesWithItsImageType() {
    byte[] jpeg = new byte[200 * 1024];
    jpeg[0] = (byte) 0xff;
    jpeg[1] = (byte) 0xd8;
    jpeg[jpeg.length - 1] = (byte) 0xd9;
    stubMedia(
        200, EvolutionWire.mediaResponse(Base64.getEncoder().encodeToString(jpeg), "image/jpeg"));

    Media media = fetcher().fetch(new MediaRef(TENANT, INSTANCE, VOICE_NOTE_ID, "image/jpeg"));

    assertThat(media.bytes()).isEqualTo(jpeg);
    assertThat(media.mimeType()).isEqualTo("image/jpeg");
  }

  @Test
  void anAnswerOverTheLimitIsABadRequestNotRetried() {
    // A large PDF: Evolution answers it whole, as base64 JSON.
    byte[] pdf = new byte[4096];
    stubMedia(
        200,
        EvolutionWire.mediaResponse(Base64.getEncoder().encodeToString(pdf), "application/pdf"));
    EvolutionMediaFetcher small = fetcher(1024);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> small.fetch(VOICE_NOTE));

    assertThat(failure).as("an ApplicationFailure").isNotNull();
    assertThat(failure.getType()).isEqualTo(Errors.BAD_REQUEST.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "Evolution getBase64FromMediaMessage answered more than 1024 bytes (instance "
                + INSTANCE
                + ")");
  }

  @Test
  void anAnswerOverTheLimitIsGivenUpWhileReadingWhenOnlyItsCompressedLengthIsKnown()
      throws IOException {
    // A proxy in front of Evolution that compresses: 4 KiB of base64 travel as a few bytes, and
    // only reading tells how large the answer is.
    byte[] answer =
        EvolutionWire.mediaResponse(
                Base64.getEncoder().encodeToString(new byte[4096]), "application/pdf")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(answer);
    }
    assertThat(compressed.size()).isLessThan(1024);
    evolution.stubFor(
        post(urlPathEqualTo(MEDIA_PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(compressed.toByteArray())));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> fetcher(1024).fetch(VOICE_NOTE));

    assertThat(failure).as("an ApplicationFailure").isNotNull();
    assertThat(failure.getType()).isEqualTo(Errors.BAD_REQUEST.name());
  }

  @Test
  void theLimitIsTwentyMebibytes() {
    assertThat(EvolutionMediaFetcher.MAX_ANSWER_BYTES).isEqualTo(20L * 1024 * 1024);
  }

  private EvolutionMediaFetcher fetcher() {
    return new EvolutionMediaFetcher(
        new EvolutionProperties(evolution.baseUrl(), GLOBAL_KEY, null, null, null, null, 0),
        WhatsAppConfiguration.newHttpClient(),
        secrets);
  }

  /** A fetcher that reads at most {@code maxAnswerBytes} of an answer. */
  private EvolutionMediaFetcher fetcher(long maxAnswerBytes) {
    return new EvolutionMediaFetcher(
        new EvolutionProperties(evolution.baseUrl(), GLOBAL_KEY, null, null, null, null, 0),
        WhatsAppConfiguration.newHttpClient(),
        secrets,
        maxAnswerBytes);
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
