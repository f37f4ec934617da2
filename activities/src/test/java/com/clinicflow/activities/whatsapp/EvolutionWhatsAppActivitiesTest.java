package com.clinicflow.activities.whatsapp;

import static com.clinicflow.activities.whatsapp.EvolutionWire.GLOBAL_KEY;
import static com.clinicflow.activities.whatsapp.EvolutionWire.INSTANCE;
import static com.clinicflow.activities.whatsapp.EvolutionWire.PATIENT;
import static com.clinicflow.activities.whatsapp.EvolutionWire.SENT_ID;
import static com.clinicflow.activities.whatsapp.EvolutionWire.TENANT;
import static com.clinicflow.activities.whatsapp.EvolutionWire.TEXT;
import static com.clinicflow.activities.whatsapp.EvolutionWire.json;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvolutionWhatsAppActivitiesTest {

  @RegisterExtension static WireMockExtension evolution = EvolutionWire.loopbackServer();

  private static final String SEND_PATH = "/message/sendText/" + INSTANCE;

  private final Map<String, String> tenantSecrets = new HashMap<>();
  private final TenantSecrets secrets =
      (tenantId, name) -> Optional.ofNullable(tenantSecrets.get(tenantId + "/" + name));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant(TENANT, INSTANCE, null);
  }

  @Test
  void postsNumberAndTextWithTheApiKeyAndRecordsTheProviderId() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);

    SendReceipt receipt = activities().sendText(message("key-1", PATIENT));

    assertThat(receipt).isEqualTo(new SendReceipt(SENT_ID, false, false));
    evolution.verify(
        1,
        postRequestedFor(urlPathEqualTo(SEND_PATH))
            .withHeader("apikey", equalTo(GLOBAL_KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"number": "5511900000001", "text": "%s", "delay": 0, "linkPreview": false}
                    """
                        .formatted(TEXT))));
    Map<String, Object> row = row("key-1");
    assertThat(row)
        .containsEntry("tenant_id", TENANT)
        .containsEntry("channel", "WHATSAPP")
        .containsEntry("recipient", PATIENT)
        .containsEntry("status", "SENT")
        .containsEntry("provider_message_id", SENT_ID)
        .containsEntry("attempts", 1)
        .containsEntry("last_error", null);
    assertThat(row.get("sent_at")).isNotNull();
  }

  @Test
  void readsTheProviderIdFromTheOlderOpenApiResponseShapeToo() {
    stubSend(201, EvolutionWire.SEND_TEXT_OPENAPI);

    SendReceipt receipt = activities().sendText(message("key-1", PATIENT));

    assertThat(receipt.providerMessageId()).isEqualTo("BAE594145F4C59B4");
  }

  @Test
  void acceptedSendWithoutAReadableBodyIsStillRecordedAsSentAndNeverRepeated() {
    stubSend(200, "<html>ok</html>");
    EvolutionWhatsAppActivities activities = activities();

    SendReceipt first = activities.sendText(message("key-1", PATIENT));
    SendReceipt second = activities.sendText(message("key-1", PATIENT));

    assertThat(first).isEqualTo(new SendReceipt(null, false, false));
    assertThat(second).isEqualTo(new SendReceipt(null, true, false));
    assertThat(row("key-1")).containsEntry("status", "SENT");
    evolution.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
  }

  @Test
  void sameIdempotencyKeyTwiceSendsOnce() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);
    EvolutionWhatsAppActivities activities = activities();

    SendReceipt first = activities.sendText(message("key-1", PATIENT));
    SendReceipt second = activities.sendText(message("key-1", PATIENT));

    assertThat(first.alreadySent()).isFalse();
    assertThat(second).isEqualTo(new SendReceipt(SENT_ID, true, false));
    evolution.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    assertThat(outcomeCount("sent")).isEqualTo(1.0);
    assertThat(outcomeCount("already_sent")).isEqualTo(1.0);
  }

  @Test
  void retryAfterServerErrorSendsOnceMoreAndKeepsOneRow() {
    evolution.stubFor(
        post(urlPathEqualTo(SEND_PATH))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(500, EvolutionWire.INTERNAL_500))
            .willSetStateTo("recovered"));
    evolution.stubFor(
        post(urlPathEqualTo(SEND_PATH))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(json(201, EvolutionWire.SEND_TEXT_201)));
    EvolutionWhatsAppActivities activities = activities();

    ApplicationFailure failure = sendExpectingFailure(activities, message("key-1", PATIENT));
    assertThat(failure.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(row("key-1"))
        .containsEntry("status", "FAILED")
        .containsEntry("attempts", 1)
        .containsEntry("last_error", "UPSTREAM_UNAVAILABLE");

    SendReceipt retried = activities.sendText(message("key-1", PATIENT));
    SendReceipt again = activities.sendText(message("key-1", PATIENT));

    assertThat(retried).isEqualTo(new SendReceipt(SENT_ID, false, false));
    assertThat(again.alreadySent()).isTrue();
    evolution.verify(2, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    assertThat(
            EvolutionDatabase.count(
                "SELECT count(*) FROM outbound_message WHERE tenant_id = 'clinica-moreira'"))
        .isEqualTo(1);
    assertThat(row("key-1"))
        .containsEntry("status", "SENT")
        .containsEntry("attempts", 2)
        .containsEntry("last_error", null);
    assertThat(outcomeCount("failed")).isEqualTo(1.0);
  }

  /**
   * A reply's {@code reply_sent} line is written with the SENT mark, in one statement: once however
   * often the send runs, and not at all when the send fails.
   */
  @Test
  void aMessagesLogLineIsWrittenOnceWithItsSend() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);
    EvolutionWhatsAppActivities activities = activities();
    OutboundMessage reply = message("key-1", PATIENT).loggedAs(replySent("turn-1"));

    activities.sendText(reply);
    activities.sendText(reply);

    assertThat(logLines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .containsEntry("tenant_id", TENANT)
                    .containsEntry("event_type", "reply_sent")
                    .containsEntry("workflow_id", "patient:" + TENANT + ":" + PATIENT)
                    .extractingByKey("details")
                    .asString()
                    .contains("\"turn_key\": \"turn-1\""));
    assertThat(row("key-1")).containsEntry("status", "SENT");
  }

  @Test
  void aFailedSendWritesNoLogLine() {
    stubSend(500, bodyFor(500));

    sendExpectingFailure(activities(), message("key-1", PATIENT).loggedAs(replySent("turn-1")));

    assertThat(logLines()).isEmpty();
  }

  @Test
  void aLogLineOfAnotherClinicIsRefusedBeforeAnythingIsSent() {
    OutboundMessage foreign =
        message("key-1", PATIENT)
            .loggedAs(
                new com.clinicflow.workflows.tenant.ActivityLogEntry(
                    "another-clinic", "reply_sent", Map.of(), "patient:x"));

    ApplicationFailure failure = sendExpectingFailure(activities(), foreign);

    assertThat(failure.getType()).isEqualTo(Errors.BAD_REQUEST.name());
    evolution.verify(0, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    assertThat(logLines()).isEmpty();
  }

  private static com.clinicflow.workflows.tenant.ActivityLogEntry replySent(String turnKey) {
    return new com.clinicflow.workflows.tenant.ActivityLogEntry(
        TENANT, "reply_sent", Map.of("turn_key", turnKey), "patient:" + TENANT + ":" + PATIENT);
  }

  private static java.util.List<Map<String, Object>> logLines() {
    return EmbeddedDatabase.jdbc()
        .sql(
            "SELECT tenant_id, event_type, details::text AS details, workflow_id"
                + " FROM tenant_activity_log ORDER BY id")
        .query()
        .listOfRows();
  }

  @Test
  void unknownNumberIsNotFoundAndNotRetried() {
    stubSend(400, EvolutionWire.UNKNOWN_NUMBER_400);

    ApplicationFailure failure = sendExpectingFailure(activities(), message("key-1", PATIENT));

    assertThat(failure.getType()).isEqualTo(Errors.NOT_FOUND.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertCarriesNoPatientData(failure);
    assertThat(row("key-1"))
        .containsEntry("status", "FAILED")
        .containsEntry("last_error", "NOT_FOUND");
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
    "400, BAD_REQUEST, true",
    "422, BAD_REQUEST, true",
    "401, UNAUTHORIZED, true",
    "403, UNAUTHORIZED, true",
    "404, CONFIGURATION, true",
    "429, RATE_LIMITED, false",
    "500, UPSTREAM_UNAVAILABLE, false",
    "502, UPSTREAM_UNAVAILABLE, false",
    "503, UPSTREAM_UNAVAILABLE, false"
  })
  void evolutionErrorsMapToFailureTypes(int status, Errors expected, boolean nonRetryable) {
    stubSend(status, bodyFor(status));

    ApplicationFailure failure = sendExpectingFailure(activities(), message("key-1", PATIENT));

    assertThat(failure.getType()).isEqualTo(expected.name());
    assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
    assertThat(failure.getOriginalMessage()).contains("HTTP " + status).contains(INSTANCE);
    assertCarriesNoPatientData(failure);
    assertThat(row("key-1")).containsEntry("last_error", expected.name());
  }

  @Test
  void timeoutIsRetryableUpstreamUnavailable() {
    evolution.stubFor(
        post(urlPathEqualTo(SEND_PATH))
            .willReturn(json(201, EvolutionWire.SEND_TEXT_201).withFixedDelay(2_000)));
    EvolutionProperties shortTimeout =
        new EvolutionProperties(
            evolution.baseUrl(), GLOBAL_KEY, null, null, Duration.ofMillis(200), null, 0);

    ApplicationFailure failure =
        sendExpectingFailure(activities(shortTimeout), message("key-1", PATIENT));

    assertThat(failure.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("InterruptedIOException");
  }

  @Test
  void unreachableEvolutionIsRetryableUpstreamUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    EvolutionProperties nowhere =
        new EvolutionProperties(
            "http://127.0.0.1:" + closedPort, GLOBAL_KEY, null, null, null, null, 0);

    ApplicationFailure failure =
        sendExpectingFailure(activities(nowhere), message("key-1", PATIENT));

    assertThat(failure.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertCarriesNoPatientData(failure);
  }

  @Test
  void tenantInstanceTokenOverridesTheGlobalKey() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);
    tenantSecrets.put(TENANT + "/" + TenantSecrets.EVOLUTION_API_KEY, "tenant-token-1234");

    activities().sendText(message("key-1", PATIENT));

    evolution.verify(
        1,
        postRequestedFor(urlPathEqualTo(SEND_PATH))
            .withHeader("apikey", equalTo("tenant-token-1234")));
  }

  @Test
  void clinicWithoutItsOwnTokenUsesTheGlobalKey() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);
    EmbeddedDatabase.insertTenant("clinica-sol", "clinica_sol_instance", null);
    tenantSecrets.put("clinica-sol/" + TenantSecrets.EVOLUTION_API_KEY, "sol-token");

    activities().sendText(message("key-1", PATIENT));

    evolution.verify(
        1, postRequestedFor(urlPathEqualTo(SEND_PATH)).withHeader("apikey", equalTo(GLOBAL_KEY)));
  }

  /**
   * A token stored with a line break (before the API refused such values, or by SQL) would make
   * OkHttp refuse the header quoting the token, into the log and the workflow history.
   */
  @Test
  void aStoredTokenThatCannotBeAHeaderIsAConfigurationFailureThatNeverQuotesIt() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);
    tenantSecrets.put(TENANT + "/" + TenantSecrets.EVOLUTION_API_KEY, "tenant-token-1234\n");

    ApplicationFailure failure = sendExpectingFailure(activities(), message("key-1", PATIENT));

    assertThat(failure.getType()).isEqualTo(Errors.CONFIGURATION.name());
    assertThat(failure.isNonRetryable()).isTrue();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("tenant-token");
    }
    evolution.verify(0, postRequestedFor(urlPathEqualTo(SEND_PATH)));
  }

  @Test
  void aGlobalKeyThatCannotBeAHeaderFailsTheStartNamingThePropertyNotTheKey() {
    assertThatThrownBy(
            () ->
                new EvolutionProperties(
                    evolution.baseUrl(), "global-key\u00a0", null, null, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clinicflow.evolution.api-key")
        .message()
        .doesNotContain("global-key");
  }

  @Test
  void noKeyAnywhereIsAConfigurationFailureWithoutCallingEvolution() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);
    EvolutionProperties keyless =
        new EvolutionProperties(evolution.baseUrl(), null, null, null, null, null, 0);

    ApplicationFailure failure =
        sendExpectingFailure(activities(keyless), message("key-1", PATIENT));

    assertThat(failure.getType()).isEqualTo(Errors.CONFIGURATION.name());
    assertThat(failure.isNonRetryable()).isTrue();
    evolution.verify(0, postRequestedFor(urlPathEqualTo(SEND_PATH)));
  }

  @Test
  void lidJidIsSentAsGiven() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);

    activities().sendText(message("key-1", "103899771998284@lid"));

    evolution.verify(
        postRequestedFor(urlPathEqualTo(SEND_PATH))
            .withRequestBody(equalToJson("{\"number\": \"103899771998284@lid\"}", false, true)));
    assertThat(row("key-1")).containsEntry("recipient", "103899771998284@lid");
  }

  @Test
  void lidContactKeyIsRefusedRatherThanSentAsAPhoneNumber() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);

    ApplicationFailure failure =
        sendExpectingFailure(activities(), message("key-1", "lid:103899771998284"));

    assertThat(failure.getType()).isEqualTo(Errors.BAD_REQUEST.name());
    assertThat(failure.isNonRetryable()).isTrue();
    evolution.verify(0, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    assertThat(EvolutionDatabase.count("SELECT count(*) FROM outbound_message")).isZero();
  }

  @Test
  void configuredTypingDelayIsSentAsDelay() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);
    EvolutionProperties typing =
        new EvolutionProperties(evolution.baseUrl(), GLOBAL_KEY, null, null, null, null, 1200);

    activities(typing).sendText(message("key-1", PATIENT));

    evolution.verify(
        postRequestedFor(urlPathEqualTo(SEND_PATH))
            .withRequestBody(equalToJson("{\"delay\": 1200}", false, true)));
  }

  @Test
  void keyOfAnotherClinicIsNeitherSentNorTouched() {
    stubSend(201, EvolutionWire.SEND_TEXT_201);
    EmbeddedDatabase.insertTenant("clinica-sol", "clinica_sol_instance", null);
    activities().sendText(message("shared-key", PATIENT));

    OutboundMessage other =
        new OutboundMessage("shared-key", "clinica-sol", "clinica_sol_instance", PATIENT, TEXT);
    ApplicationFailure failure = sendExpectingFailure(activities(), other);

    assertThat(failure.getType()).isEqualTo(Errors.CONFIGURATION.name());
    evolution.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    assertThat(row("shared-key")).containsEntry("tenant_id", TENANT).containsEntry("attempts", 1);
  }

  private EvolutionWhatsAppActivities activities() {
    return activities(
        new EvolutionProperties(evolution.baseUrl(), GLOBAL_KEY, null, null, null, null, 0));
  }

  private EvolutionWhatsAppActivities activities(EvolutionProperties properties) {
    return new EvolutionWhatsAppActivities(
        properties,
        WhatsAppConfiguration.newHttpClient(),
        EmbeddedDatabase.jdbc(),
        secrets,
        meters);
  }

  private static OutboundMessage message(String key, String recipient) {
    return new OutboundMessage(key, TENANT, INSTANCE, recipient, TEXT);
  }

  private static void stubSend(int status, String body) {
    evolution.stubFor(post(urlPathEqualTo(SEND_PATH)).willReturn(json(status, body)));
  }

  private static String bodyFor(int status) {
    return switch (status) {
      case 400 -> EvolutionWire.TEXT_REQUIRED_400;
      case 401 -> EvolutionWire.UNAUTHORIZED_401;
      case 403 -> EvolutionWire.FORBIDDEN_403;
      case 404 -> EvolutionWire.INSTANCE_MISSING_404;
      default -> EvolutionWire.INTERNAL_500.replace("500", String.valueOf(status));
    };
  }

  private static ApplicationFailure sendExpectingFailure(
      EvolutionWhatsAppActivities activities, OutboundMessage message) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> activities.sendText(message));
    assertThat(failure).as("an ApplicationFailure").isNotNull();
    return failure;
  }

  private static void assertCarriesNoPatientData(ApplicationFailure failure) {
    assertThat(failure.getMessage())
        .doesNotContain(PATIENT)
        .doesNotContain(TEXT)
        .doesNotContain("Olá")
        .doesNotContain(GLOBAL_KEY);
  }

  private double outcomeCount(String outcome) {
    return EvolutionWire.sentCount(meters, TENANT, outcome);
  }

  private static Map<String, Object> row(String key) {
    return EvolutionDatabase.outboundRow(key);
  }
}
