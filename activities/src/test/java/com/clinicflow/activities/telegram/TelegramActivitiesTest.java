package com.clinicflow.activities.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.messaging.TelegramActivities;
import com.clinicflow.workflows.messaging.TelegramMessage;
import com.clinicflow.workflows.messaging.TelegramReceipt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Telegram adapter against a fake Bot API speaking the wire format telegrambots sends. */
class TelegramActivitiesTest {

  static final String TOKEN = "123456:TEST-token";
  static final String SEND_PATH = "/bot" + TOKEN + "/(?i)sendmessage";
  static final ObjectMapper JSON = new ObjectMapper();
  static final WireMockServer telegram = new WireMockServer(options().dynamicPort());

  TelegramActivities activities;

  @BeforeAll
  static void startFake() {
    telegram.start();
  }

  @AfterAll
  static void stopFake() {
    telegram.stop();
  }

  @BeforeEach
  void setUp() {
    telegram.resetAll();
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("alpha", "alpha_instance", -1001234567890L);
    activities =
        new TelegramConfiguration()
            .telegramActivities(
                TelegramProperties.of(telegram.baseUrl(), TOKEN), EmbeddedDatabase.dataSource());
  }

  static ResponseDefinitionBuilder sent(int messageId) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"ok":true,"result":{"message_id":%d,"date":1763039928,
             "chat":{"id":-1001234567890,"type":"supergroup","title":"Recepção"},
             "from":{"id":123456,"is_bot":true,"first_name":"ClinicFlow"},"text":"ok"}}"""
                .formatted(messageId));
  }

  static ResponseDefinitionBuilder error(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static List<LoggedRequest> sends() {
    return telegram.findAll(postRequestedFor(urlPathMatching(SEND_PATH)));
  }

  static JsonNode body(LoggedRequest request) throws Exception {
    return JSON.readTree(request.getBodyAsString());
  }

  @Test
  void aMessageIsSentToTheChatAsPlainTextAndRecorded() throws Exception {
    telegram.stubFor(post(urlPathMatching(SEND_PATH)).willReturn(sent(77)));

    TelegramReceipt receipt =
        activities.sendMessage(new TelegramMessage("k1", "alpha", -1001234567890L, "Bom dia!"));

    assertThat(receipt).isEqualTo(new TelegramReceipt(1, false, false));
    JsonNode body = body(sends().get(0));
    assertThat(body.get("chat_id").asText()).isEqualTo("-1001234567890");
    assertThat(body.get("text").asText()).isEqualTo("Bom dia!");
    assertThat(body.has("parse_mode")).isFalse();
    Map<String, Object> row = row("k1");
    assertThat(row)
        .containsEntry("channel", "TELEGRAM")
        .containsEntry("status", "SENT")
        .containsEntry("recipient", "-1001234567890")
        .containsEntry("provider_message_id", "77");
  }

  @Test
  void theSameKeySendsOnce() {
    telegram.stubFor(post(urlPathMatching(SEND_PATH)).willReturn(sent(1)));
    TelegramMessage message = new TelegramMessage("k2", "alpha", -1001234567890L, "Oi");

    activities.sendMessage(message);
    TelegramReceipt again = activities.sendMessage(message);

    assertThat(again.alreadySent()).isTrue();
    assertThat(sends()).hasSize(1);
  }

  @Test
  void aLongAnswerIsSplitAtTheLimitAndARetrySendsOnlyTheMissingPart() throws Exception {
    String paragraph = "Consulta às 10h com a paciente Ana. ".repeat(40).strip();
    String text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph; // ~4.3k characters
    telegram.stubFor(
        post(urlPathMatching(SEND_PATH))
            .inScenario("second fails once")
            .whenScenarioStateIs("Started")
            .willSetStateTo("first sent")
            .willReturn(sent(1)));
    telegram.stubFor(
        post(urlPathMatching(SEND_PATH))
            .inScenario("second fails once")
            .whenScenarioStateIs("first sent")
            .willSetStateTo("second failed")
            .willReturn(error(502, "<html>Bad Gateway</html>")));
    telegram.stubFor(
        post(urlPathMatching(SEND_PATH))
            .inScenario("second fails once")
            .whenScenarioStateIs("second failed")
            .willReturn(sent(2)));
    TelegramMessage message = new TelegramMessage("k3", "alpha", -1001234567890L, text);

    assertThatThrownBy(() -> activities.sendMessage(message))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo("UPSTREAM_UNAVAILABLE"));
    TelegramReceipt receipt = activities.sendMessage(message);

    assertThat(receipt.parts()).isEqualTo(2);
    List<LoggedRequest> all = sends();
    assertThat(all).hasSize(3);
    String first = body(all.get(0)).get("text").asText();
    String second = body(all.get(2)).get("text").asText();
    assertThat(first.length()).isLessThanOrEqualTo(4096);
    assertThat(second.length()).isLessThanOrEqualTo(4096);
    assertThat(first + "\n\n" + second).isEqualTo(text);
    assertThat(row("k3")).containsEntry("status", "SENT");
    assertThat(row("k3#2")).containsEntry("status", "SENT").containsEntry("attempts", 2);
  }

  @Test
  void floodControlIsRetriedAfterTelegramsRetryAfter() {
    telegram.stubFor(
        post(urlPathMatching(SEND_PATH))
            .willReturn(
                error(
                    429,
                    """
                    {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5",
                     "parameters":{"retry_after":5}}""")));

    assertThatThrownBy(
            () -> activities.sendMessage(new TelegramMessage("k4", "alpha", -100L, "Oi")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("RATE_LIMITED");
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(5));
              assertThat(f.getMessage()).doesNotContain(TOKEN);
            });
    assertThat(row("k4"))
        .containsEntry("status", "FAILED")
        .containsEntry("last_error", "RATE_LIMITED");
  }

  @Test
  void aBotRemovedFromTheChatIsNotRetried() {
    telegram.stubFor(
        post(urlPathMatching(SEND_PATH))
            .willReturn(
                error(
                    403,
                    """
                    {"ok":false,"error_code":403,
                     "description":"Forbidden: bot was kicked from the supergroup chat"}""")));

    assertThatThrownBy(
            () -> activities.sendMessage(new TelegramMessage("k5", "alpha", -100L, "Oi")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("UNAUTHORIZED");
              assertThat(f.isNonRetryable()).isTrue();
            });
  }

  @Test
  void withoutATokenMessagesAreOnlyRecordedEvenForAChatOfNoClinic() {
    TelegramActivities sandbox =
        new TelegramConfiguration()
            .telegramActivities(
                TelegramProperties.of(telegram.baseUrl(), null), EmbeddedDatabase.dataSource());

    TelegramReceipt receipt =
        sandbox.sendMessage(new TelegramMessage("k6", null, 4242L, "Não autorizado"));

    assertThat(receipt.sandboxed()).isTrue();
    assertThat(telegram.getAllServeEvents()).isEmpty();
    assertThat(row("k6")).containsEntry("status", "SANDBOX").containsEntry("tenant_id", null);
  }

  @Test
  void splittingPrefersParagraphsAndNeverExceedsTheLimit() {
    assertThat(MessageSplitter.split("a\n\nb", 3)).containsExactly("a", "b");
    assertThat(MessageSplitter.split("abcdefgh", 3)).containsExactly("abc", "def", "gh");
    assertThat(MessageSplitter.split("x".repeat(10_000))).allMatch(p -> p.length() <= 4096);
  }

  @Test
  void theBotIdIsTheTokensPublicPart() {
    assertThat(TelegramProperties.of("https://api.telegram.org", TOKEN).botId())
        .isEqualTo("123456");
    assertThat(TelegramProperties.of(null, null).botId()).isEqualTo("sandbox");
    assertThat(TelegramProperties.of(null, TOKEN).toString()).doesNotContain("TEST-token");
  }

  /**
   * The Bot API client takes scheme, host and port only: a base URL with a path (a proxy) would
   * send messages to the root while files came from the path. Refused at start, trailing slash
   * forgiven.
   */
  @Test
  void aBaseUrlWithAPathIsRefusedAtStart() {
    assertThatThrownBy(() -> TelegramProperties.of("https://proxy.clinic/telegram", TOKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clinicflow.telegram.base-url")
        .hasMessageContaining("without a path");
    assertThat(TelegramProperties.of("https://proxy.clinic:8443/", TOKEN).baseUrl())
        .isEqualTo("https://proxy.clinic:8443");
  }

  static Map<String, Object> row(String key) {
    return EmbeddedDatabase.jdbc()
        .sql(
            """
            SELECT tenant_id, channel, recipient, status, provider_message_id, attempts, last_error
              FROM outbound_message WHERE idempotency_key = :key
            """)
        .param("key", key)
        .query()
        .singleRow();
  }
}
