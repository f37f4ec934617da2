package com.clinicflow.activities.whatsapp;

import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.whatsapp.SendMetrics.Outcome;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends WhatsApp text through Evolution API v2: {@code POST {base}/message/sendText/{instance}}.
 *
 * <p><b>Exactly once.</b> The idempotency key is written to {@code outbound_message} (PENDING)
 * before the call and marked SENT after Evolution's 201, so a Temporal retry of a send that
 * succeeded finds SENT and sends nothing. That leaves the window between Evolution accepting the
 * message and {@code markSent} committing: if the worker dies or the attempt times out there, the
 * row keeps its earlier state (PENDING, or FAILED). Evolution has no idempotency key, so a retry
 * that finds such a row first asks Evolution for the chat's recent sends ({@link
 * EarlierSendLookup}) and records the one it finds instead of sending again. Where that lookup is
 * blind (message saving off, a number stored under another JID), the retry sends: at least once.
 *
 * <p>Failures: unknown number (400 {@code exists:false}) is {@code NOT_FOUND}; other 400/422 {@code
 * BAD_REQUEST}; 401/403 {@code UNAUTHORIZED}; 404 (no such instance) {@code CONFIGURATION}; 429
 * {@code RATE_LIMITED}; 5xx, timeouts and I/O {@code UPSTREAM_UNAVAILABLE} (retried). Messages
 * carry the HTTP status and the instance name, never the number, the text or a key.
 *
 * <p>The recipient is sent as given: phone digits, or a full JID ({@code …@lid}) when only a LID is
 * known. A LID's digits are never turned into a phone number; the contact-key form {@code lid:…} is
 * refused rather than guessed at.
 */
public class EvolutionWhatsAppActivities implements WhatsAppActivities {

  private static final Logger log = LoggerFactory.getLogger(EvolutionWhatsAppActivities.class);

  static final String SEND_TEXT_PATH = "/message/sendText";

  private final EvolutionProperties properties;
  private final EvolutionClient client;
  private final OutboundLedger ledger;
  private final EarlierSendLookup earlierSends;
  private final SendMetrics metrics;

  /**
   * @param http shared client (HTTP/1.1, connect timeout set, no redirects)
   * @param jdbc PostgreSQL holding {@code outbound_message}
   * @param secrets per-tenant instance tokens ({@link TenantSecrets#EVOLUTION_API_KEY})
   * @param meters may be null: no metrics then
   */
  public EvolutionWhatsAppActivities(
      EvolutionProperties properties,
      OkHttpClient http,
      JdbcClient jdbc,
      TenantSecrets secrets,
      MeterRegistry meters) {
    this.properties = properties;
    this.client = new EvolutionClient(properties, http, secrets, new ObjectMapper());
    this.ledger = new OutboundLedger(jdbc);
    this.earlierSends = new EarlierSendLookup(client, jdbc, properties.sendTimeout());
    this.metrics = new SendMetrics(meters);
  }

  /** How long a sent message's record is retried while PostgreSQL is away (e.g. restarting). */
  static final java.time.Duration MARK_SENT_BUDGET = java.time.Duration.ofSeconds(20);

  /**
   * Runs {@code write} until it succeeds, backing off from 250 ms (doubling, at most 4 s), for at
   * most {@code budget}; the last failure propagates.
   */
  static void recordSent(Runnable write, java.time.Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    long pauseMillis = 250;
    while (true) {
      try {
        write.run();
        return;
      } catch (org.springframework.dao.DataAccessException e) {
        if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
          throw e;
        }
        log.warn("Recording a sent message failed ({}); retrying", e.getClass().getSimpleName());
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pauseMillis = Math.min(pauseMillis * 2, 4_000);
      }
    }
  }

  @Override
  public SendReceipt sendText(OutboundMessage message) {
    OutboundChecks.validate(message);
    String key = message.idempotencyKey();
    String tenantId = message.tenantId();
    OutboundLedger.Entry entry =
        ledger
            .begin(key, tenantId, OutboundLedger.WHATSAPP, message.recipient())
            .orElseThrow(OutboundChecks::keyOfAnotherTenant);
    if (entry.is(OutboundLedger.Status.SENT)) {
      metrics.count(tenantId, Outcome.ALREADY_SENT);
      return new SendReceipt(entry.providerMessageId(), true, false);
    }
    String providerMessageId;
    try {
      String apiKey = client.apiKeyFor(tenantId);
      if (entry.mayHaveBeenSentBefore()) {
        Optional<String> earlier = earlierSends.find(message, apiKey, entry.createdAt());
        if (earlier.isPresent()) {
          return recordEarlierSend(message, earlier.get());
        }
      }
      JsonNode response =
          client.post(
              "sendText",
              SEND_TEXT_PATH,
              message.instanceName(),
              apiKey,
              requestBody(message),
              properties.sendRequestTimeout());
      providerMessageId = providerMessageId(response);
    } catch (ApplicationFailure failure) {
      recordFailure(key, tenantId, failure);
      throw failure;
    }
    // The crash window described above is between the response and this commit. A database
    // that is restarting must not widen it: the commit is retried here, within the activity,
    // rather than by Temporal (whose retry would send the message again).
    recordSent(
        () -> ledger.markSent(key, tenantId, providerMessageId, message.logLine()),
        MARK_SENT_BUDGET);
    metrics.count(tenantId, Outcome.SENT);
    if (providerMessageId == null) {
      log.warn(
          "Evolution sendText on instance {} accepted message {} without a key.id",
          message.instanceName(),
          key);
    }
    return new SendReceipt(providerMessageId, false, false);
  }

  /** An earlier attempt's message was found at Evolution: record it, send nothing. */
  private SendReceipt recordEarlierSend(OutboundMessage message, String providerMessageId) {
    String key = message.idempotencyKey();
    recordSent(
        () -> ledger.markSent(key, message.tenantId(), providerMessageId, message.logLine()),
        MARK_SENT_BUDGET);
    metrics.count(message.tenantId(), Outcome.FOUND_SENT);
    log.info(
        "Evolution on instance {} already has message {} from an earlier attempt; not sending again",
        message.instanceName(),
        key);
    return new SendReceipt(providerMessageId, true, false);
  }

  private Map<String, Object> requestBody(OutboundMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("number", message.recipient());
    body.put("text", message.text());
    // The call blocks for `delay` ms while WhatsApp shows "typing…"; 0 unless configured.
    body.put("delay", properties.typingDelayMillis());
    body.put("linkPreview", false);
    return body;
  }

  /**
   * {@code key.id}, read loosely: 2.3.6 and the older OpenAPI example differ elsewhere but agree on
   * it. Null when absent: the message was accepted all the same, so it must not be sent again.
   */
  private static String providerMessageId(JsonNode response) {
    JsonNode id = response.path("key").path("id");
    return id.isTextual() && !id.textValue().isBlank() ? id.textValue() : null;
  }

  private void recordFailure(String key, String tenantId, ApplicationFailure failure) {
    metrics.count(tenantId, Outcome.FAILED);
    try {
      ledger.markFailed(key, tenantId, failure.getType());
    } catch (RuntimeException e) {
      // The failure from Evolution is what the workflow must see (it decides retryability);
      // the bookkeeping error must not replace it.
      failure.addSuppressed(e);
      log.warn("Could not record the failed send of {}: {}", key, e.getClass().getSimpleName());
    }
  }
}
