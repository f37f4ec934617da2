package com.clinicflow.activities.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.workflows.agent.MediaRef;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Staff voice notes from a fake Bot API speaking the wire format telegrambots sends. */
class TelegramMediaFetcherTest {

  static final String TOKEN = "123456:TEST-token";
  static final String GET_FILE = "/bot" + TOKEN + "/(?i)getfile";
  static final String FILE_PATH = "voice/file_7.oga";
  static final String DOWNLOAD = "/file/bot" + TOKEN + "/" + FILE_PATH;
  static final MediaRef VOICE_NOTE = MediaRef.telegram("alpha", "AwACAgEAAxkBVoice", "audio/ogg");

  @RegisterExtension
  static final WireMockExtension telegram =
      WireMockExtension.newInstance().options(options().dynamicPort()).build();

  TelegramMediaFetcher fetcher;

  @BeforeEach
  void setUp() {
    fetcher = new TelegramMediaFetcher(TelegramProperties.of(telegram.baseUrl(), TOKEN));
  }

  static void fileKnown() {
    telegram.stubFor(
        post(urlPathMatching(GET_FILE))
            .willReturn(
                TelegramActivitiesTest.error(
                    200,
                    """
                    {"ok":true,"result":{"file_id":"AwACAgEAAxkBVoice","file_unique_id":"AgADVo",
                     "file_size":4,"file_path":"%s"}}"""
                        .formatted(FILE_PATH))));
  }

  @Test
  void aVoiceNoteIsLookedUpWithGetFileAndDownloadedFromTheFileRoot() {
    fileKnown();
    telegram.stubFor(
        get(urlPathEqualTo(DOWNLOAD))
            .willReturn(aResponse().withStatus(200).withBody(new byte[] {1, 2, 3, 4})));

    MediaFetcher.Media media = fetcher.fetch(VOICE_NOTE);

    assertThat(media.bytes()).containsExactly(1, 2, 3, 4);
    assertThat(media.mimeType()).isEqualTo("audio/ogg");
    telegram.verify(
        1,
        postRequestedFor(urlPathMatching(GET_FILE))
            .withRequestBody(matchingJsonPath("$.file_id", equalTo("AwACAgEAAxkBVoice"))));
    telegram.verify(1, getRequestedFor(urlPathEqualTo(DOWNLOAD)));
  }

  @Test
  void aVoiceNoteWithoutAnnouncedTypeIsOggOpus() {
    fileKnown();
    telegram.stubFor(
        get(urlPathEqualTo(DOWNLOAD))
            .willReturn(aResponse().withStatus(200).withBody(new byte[] {9})));

    MediaFetcher.Media media = fetcher.fetch(MediaRef.telegram("alpha", "AwACAgEAAxkBVoice", null));

    assertThat(media.mimeType()).isEqualTo("audio/ogg");
  }

  @Test
  void anUnknownFileIsABadRequestAndNotRetried() {
    telegram.stubFor(
        post(urlPathMatching(GET_FILE))
            .willReturn(
                TelegramActivitiesTest.error(
                    400,
                    """
                    {"ok":false,"error_code":400,"description":"Bad Request: invalid file_id"}""")));

    assertFailure(
        f -> {
          assertThat(f.getType()).isEqualTo("BAD_REQUEST");
          assertThat(f.isNonRetryable()).isTrue();
        });
  }

  @Test
  void floodControlOnGetFileWaitsAsTelegramAsks() {
    telegram.stubFor(
        post(urlPathMatching(GET_FILE))
            .willReturn(
                TelegramActivitiesTest.error(
                    429,
                    """
                    {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3",
                     "parameters":{"retry_after":3}}""")));

    assertFailure(
        f -> {
          assertThat(f.getType()).isEqualTo("RATE_LIMITED");
          assertThat(f.getNextRetryDelay()).hasSeconds(3);
        });
  }

  @Test
  void aServerErrorOnTheDownloadIsRetried() {
    fileKnown();
    telegram.stubFor(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(502)));

    assertFailure(
        f -> {
          assertThat(f.getType()).isEqualTo("UPSTREAM_UNAVAILABLE");
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getOriginalMessage()).isEqualTo("Telegram file download failed: HTTP 502");
        });
  }

  @Test
  void aCutConnectionIsRetriedAndTheFailureNeverQuotesTheUrl() {
    fileKnown();
    telegram.stubFor(
        get(urlPathEqualTo(DOWNLOAD))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertFailure(
        f -> {
          assertThat(f.getType()).isEqualTo("UPSTREAM_UNAVAILABLE");
          assertThat(f.isNonRetryable()).isFalse();
        });
  }

  @Test
  void aFileOverTheLimitIsRefusedWhileReading() {
    fileKnown();
    telegram.stubFor(
        get(urlPathEqualTo(DOWNLOAD))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(new byte[] {1, 2, 3, 4})
                    .withChunkedDribbleDelay(2, 10)));
    TelegramMediaFetcher small =
        new TelegramMediaFetcher(TelegramProperties.of(telegram.baseUrl(), TOKEN), 3);

    assertThatThrownBy(() -> small.fetch(VOICE_NOTE))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("BAD_REQUEST"));
  }

  @Test
  void withoutABotTokenAVoiceNoteHasNoBytesAndWhatsAppMediaIsNotOurs() {
    MediaFetcher sandbox =
        new TelegramConfiguration()
            .telegramMediaFetcher(TelegramProperties.of(telegram.baseUrl(), null));

    assertThat(sandbox.fetches(VOICE_NOTE)).isTrue();
    assertThat(sandbox.fetch(VOICE_NOTE).bytes()).isEmpty();
    assertThat(sandbox.fetches(new MediaRef("alpha", "alpha_instance", "3EB0", "audio/ogg")))
        .isFalse();
    assertThat(telegram.getAllServeEvents()).isEmpty();
  }

  @Test
  void onlyTelegramFilesAreFetchedHere() {
    assertThat(fetcher.fetches(VOICE_NOTE)).isTrue();
    assertThat(fetcher.fetches(new MediaRef("alpha", "alpha_instance", "3EB0", "audio/ogg")))
        .isFalse();
  }

  /** Every failure is typed and names neither the token nor the URL that holds it. */
  private void assertFailure(Consumer<ApplicationFailure> check) {
    assertThatThrownBy(() -> fetcher.fetch(VOICE_NOTE))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              check.accept(f);
              assertThat(f.getMessage()).doesNotContain(TOKEN).doesNotContain("/file/");
            });
  }
}
