package com.clinicflow.activities.whatsapp;

import static com.clinicflow.activities.whatsapp.EvolutionWire.GLOBAL_KEY;
import static com.clinicflow.activities.whatsapp.EvolutionWire.INSTANCE;
import static com.clinicflow.activities.whatsapp.EvolutionWire.PATIENT;
import static com.clinicflow.activities.whatsapp.EvolutionWire.SENT_ID;
import static com.clinicflow.activities.whatsapp.EvolutionWire.TENANT;
import static com.clinicflow.activities.whatsapp.EvolutionWire.TEXT;
import static com.clinicflow.activities.whatsapp.EvolutionWire.foundMessages;
import static com.clinicflow.activities.whatsapp.EvolutionWire.json;
import static com.clinicflow.activities.whatsapp.EvolutionWire.storedMessage;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A send whose earlier attempt reached Evolution but left no record (the worker died, or the call
 * timed out after Evolution took it) is found at Evolution on the retry and not sent again.
 */
class RetryAfterUnrecordedSendTest {

  @RegisterExtension static WireMockExtension evolution = EvolutionWire.loopbackServer();

  private static final String SEND_PATH = "/message/sendText/" + INSTANCE;
  private static final String FIND_PATH = "/chat/findMessages/" + INSTANCE;
  private static final String PATIENT_JID = PATIENT + "@s.whatsapp.net";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant(TENANT, INSTANCE, null);
  }

  @Test
  void aSendThatTimedOutAfterEvolutionTookItIsFoundAndNotRepeated() {
    evolution.stubFor(
        post(urlPathEqualTo(SEND_PATH))
            .willReturn(json(201, EvolutionWire.SEND_TEXT_201).withFixedDelay(1_500)));
    ApplicationFailure timedOut =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> activities(Duration.ofMillis(200)).sendText(message("key-1", PATIENT)));
    assertThat(timedOut.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
    stubFind(foundMessages(storedMessage(SENT_ID, PATIENT_JID, true, TEXT, nowSeconds())));

    SendReceipt retried = activities(Duration.ofSeconds(5)).sendText(message("key-1", PATIENT));

    assertThat(retried).isEqualTo(new SendReceipt(SENT_ID, true, false));
    evolution.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    evolution.verify(
        1,
        postRequestedFor(urlPathEqualTo(FIND_PATH))
            .withHeader("apikey", equalTo(GLOBAL_KEY))
            .withRequestBody(
                equalToJson(
                    """
                    {"where": {"key": {"remoteJid": "5511900000001@s.whatsapp.net", "fromMe": true}},
                     "page": 1, "offset": 50}
                    """,
                    false,
                    true))
            .withRequestBody(matchingJsonPath("$.where.messageTimestamp.gte"))
            .withRequestBody(matchingJsonPath("$.where.messageTimestamp.lte")));
    assertThat(EvolutionDatabase.outboundRow("key-1"))
        .containsEntry("status", "SENT")
        .containsEntry("provider_message_id", SENT_ID);
    assertThat(foundSentCount()).isEqualTo(1.0);
  }

  @Test
  void aPendingRowLeftByAKilledWorkerIsFoundTooAndTheRepeatIsAlreadySent() {
    beginEarlierAttempt("key-1", PATIENT);
    stubFind(foundMessages(storedMessage(SENT_ID, PATIENT_JID, true, TEXT, nowSeconds())));
    EvolutionWhatsAppActivities activities = activities(Duration.ofSeconds(5));

    SendReceipt retried = activities.sendText(message("key-1", PATIENT));
    SendReceipt again = activities.sendText(message("key-1", PATIENT));

    assertThat(retried.alreadySent()).isTrue();
    assertThat(again).isEqualTo(new SendReceipt(SENT_ID, true, false));
    evolution.verify(0, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    evolution.verify(1, postRequestedFor(urlPathEqualTo(FIND_PATH)));
  }

  @Test
  void theFirstAttemptNeverAsks() {
    stubSend();

    activities(Duration.ofSeconds(5)).sendText(message("key-1", PATIENT));

    evolution.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    evolution.verify(0, postRequestedFor(urlPathEqualTo(FIND_PATH)));
  }

  @Test
  void onlyThisTextFromTheClinicSinceTheFirstAttemptAndUnclaimedCounts() {
    stubSend();
    // An earlier turn's reply with the very same text: its id belongs to key-0.
    new OutboundLedger(EmbeddedDatabase.jdbc())
        .begin("key-0", TENANT, OutboundLedger.WHATSAPP, PATIENT);
    new OutboundLedger(EmbeddedDatabase.jdbc()).markSent("key-0", TENANT, "CLAIMED01", null);
    beginEarlierAttempt("key-1", PATIENT);
    long now = nowSeconds();
    stubFind(
        foundMessages(
            storedMessage("OTHERTEXT1", PATIENT_JID, true, "Outro texto", now),
            storedMessage("FROMPATIENT", PATIENT_JID, false, TEXT, now),
            storedMessage("CLAIMED01", PATIENT_JID, true, TEXT, now),
            storedMessage("YESTERDAY1", PATIENT_JID, true, TEXT, now - 86_400)));

    SendReceipt receipt = activities(Duration.ofSeconds(5)).sendText(message("key-1", PATIENT));

    assertThat(receipt).isEqualTo(new SendReceipt(SENT_ID, false, false));
    evolution.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
  }

  @Test
  void evolutionUnableToAnswerTheLookupFailsRetryablyAndSendsNothing() {
    stubSend();
    beginEarlierAttempt("key-1", PATIENT);
    evolution.stubFor(
        post(urlPathEqualTo(FIND_PATH)).willReturn(json(500, EvolutionWire.INTERNAL_500)));

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> activities(Duration.ofSeconds(5)).sendText(message("key-1", PATIENT)));

    assertThat(failure.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getMessage()).contains("findMessages").doesNotContain(PATIENT);
    evolution.verify(0, postRequestedFor(urlPathEqualTo(SEND_PATH)));
    assertThat(EvolutionDatabase.outboundRow("key-1")).containsEntry("status", "FAILED");
  }

  @Test
  void aServerThatRefusesTheLookupStillGetsTheMessage() {
    stubSend();
    beginEarlierAttempt("key-1", PATIENT);
    evolution.stubFor(
        post(urlPathEqualTo(FIND_PATH)).willReturn(json(400, EvolutionWire.TEXT_REQUIRED_400)));

    SendReceipt receipt = activities(Duration.ofSeconds(5)).sendText(message("key-1", PATIENT));

    assertThat(receipt.alreadySent()).isFalse();
    evolution.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)));
  }

  @Test
  void aBrazilianMobileIsAlsoLookedUpWithoutItsNinthDigit() {
    String mobile = "5531991234567";
    String storedAs = "553191234567@s.whatsapp.net";
    beginEarlierAttempt("key-1", mobile);
    stubFind(foundMessages());
    evolution.stubFor(
        post(urlPathEqualTo(FIND_PATH))
            .withRequestBody(matchingJsonPath("$.where.key.remoteJid", equalTo(storedAs)))
            .willReturn(
                json(
                    200,
                    foundMessages(storedMessage(SENT_ID, storedAs, true, TEXT, nowSeconds())))));

    SendReceipt receipt = activities(Duration.ofSeconds(5)).sendText(message("key-1", mobile));

    assertThat(receipt).isEqualTo(new SendReceipt(SENT_ID, true, false));
    evolution.verify(2, postRequestedFor(urlPathEqualTo(FIND_PATH)));
    evolution.verify(0, postRequestedFor(urlPathEqualTo(SEND_PATH)));
  }

  @Test
  void chatJidsFollowHowEvolutionStoresNumbers() {
    assertThat(EarlierSendLookup.chatJids("5511900000001"))
        .containsExactly("5511900000001@s.whatsapp.net", "551100000001@s.whatsapp.net");
    assertThat(EarlierSendLookup.chatJids("351912345678"))
        .containsExactly("351912345678@s.whatsapp.net");
    assertThat(EarlierSendLookup.chatJids("103899771998284@lid"))
        .containsExactly("103899771998284@lid");
  }

  /** What an attempt leaves behind when it dies between recording the key and the 201. */
  private static void beginEarlierAttempt(String key, String recipient) {
    Optional<OutboundLedger.Entry> entry =
        new OutboundLedger(EmbeddedDatabase.jdbc())
            .begin(key, TENANT, OutboundLedger.WHATSAPP, recipient);
    assertThat(entry).get().extracting(OutboundLedger.Entry::created).isEqualTo(true);
  }

  private EvolutionWhatsAppActivities activities(Duration sendTimeout) {
    return new EvolutionWhatsAppActivities(
        new EvolutionProperties(evolution.baseUrl(), GLOBAL_KEY, null, null, sendTimeout, null, 0),
        WhatsAppConfiguration.newHttpClient(),
        EmbeddedDatabase.jdbc(),
        (tenantId, name) -> Optional.empty(),
        meters);
  }

  private static OutboundMessage message(String key, String recipient) {
    return new OutboundMessage(key, TENANT, INSTANCE, recipient, TEXT);
  }

  private static void stubSend() {
    evolution.stubFor(
        post(urlPathEqualTo(SEND_PATH)).willReturn(json(201, EvolutionWire.SEND_TEXT_201)));
  }

  private static void stubFind(String body) {
    evolution.stubFor(post(urlPathEqualTo(FIND_PATH)).willReturn(json(200, body)));
  }

  private static long nowSeconds() {
    return Instant.now().getEpochSecond();
  }

  private double foundSentCount() {
    return EvolutionWire.sentCount(meters, TENANT, "found_sent");
  }
}
