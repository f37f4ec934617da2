package com.clinicflow.activities.whatsapp;

import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Asks Evolution whether an earlier attempt of a send went out after all, before a retry sends it
 * again.
 *
 * <p>The outbound ledger cannot tell "Evolution never got it" from "Evolution sent it and the
 * worker died before recording that": both leave the row {@code PENDING} (or {@code FAILED} after a
 * timeout). Evolution has no idempotency key, but it stores what it sends (with message saving on,
 * its default), so {@code POST /chat/findMessages/{instance}} finds it: messages to the patient's
 * chat, {@code fromMe}, sent since the first attempt began, with exactly this text, and whose
 * {@code key.id} no other send of the clinic has claimed in {@code outbound_message}. Only a retry
 * asks; the first attempt of a send never does, so this costs nothing in steady state.
 *
 * <p>What it cannot see, so the retry sends again (at least once, as before): a server with message
 * saving off; a number Evolution stored under a JID other than the two looked up (digits, and for a
 * Brazilian mobile number also the form without the ninth digit, which Evolution's {@code
 * formatBRNumber} may choose). What it could wrongly match: the very same text typed by staff on
 * the clinic's phone to the same patient within the window — the patient then misses a repeat.
 */
final class EarlierSendLookup {

  private static final Logger log = LoggerFactory.getLogger(EarlierSendLookup.class);

  static final String FIND_MESSAGES_PATH = "/chat/findMessages";

  /** Tolerated difference between PostgreSQL's clock (first attempt) and Evolution's host. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

  /** Newest first; a patient's chat rarely gets this many sends within one retry window. */
  static final int PAGE_SIZE = 50;

  private final EvolutionClient client;
  private final JdbcClient jdbc;
  private final Duration timeout;

  EarlierSendLookup(EvolutionClient client, JdbcClient jdbc, Duration timeout) {
    this.client = client;
    this.jdbc = jdbc;
    this.timeout = timeout;
  }

  /**
   * The provider id of the message an earlier attempt sent, if Evolution has it.
   *
   * @param firstAttempt when the send was first recorded (the ledger row's {@code created_at})
   * @throws ApplicationFailure {@code UPSTREAM_UNAVAILABLE} or {@code RATE_LIMITED} when Evolution
   *     cannot answer now: the retry waits rather than risk a duplicate (a send would fail too)
   */
  Optional<String> find(OutboundMessage message, String apiKey, Instant firstAttempt) {
    Instant since = firstAttempt.minus(CLOCK_SKEW);
    for (String jid : chatJids(message.recipient())) {
      List<String> candidates = matchingIds(message, apiKey, jid, since);
      Optional<String> unclaimed = firstUnclaimed(candidates, message, since);
      if (unclaimed.isPresent()) {
        return unclaimed;
      }
    }
    return Optional.empty();
  }

  private List<String> matchingIds(
      OutboundMessage message, String apiKey, String jid, Instant since) {
    JsonNode response;
    try {
      response =
          client.post(
              "findMessages",
              FIND_MESSAGES_PATH,
              message.instanceName(),
              apiKey,
              query(jid, since),
              timeout);
    } catch (ApplicationFailure failure) {
      if (Errors.UPSTREAM_UNAVAILABLE.name().equals(failure.getType())
          || Errors.RATE_LIMITED.name().equals(failure.getType())) {
        throw failure;
      }
      // An older server that does not know the query, or a refusal: sending again is the
      // behaviour without this check (at least once), and better than never sending.
      log.warn(
          "Evolution findMessages on instance {} refused ({}); sending {} without the check",
          message.instanceName(),
          failure.getType(),
          message.idempotencyKey());
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    long sinceSeconds = since.getEpochSecond();
    for (JsonNode record : records(response)) {
      JsonNode key = record.path("key");
      String id = key.path("id").asText("");
      if (!id.isBlank()
          && key.path("fromMe").asBoolean(false)
          && record.path("messageTimestamp").asLong(0) >= sinceSeconds
          && message.text().equals(text(record.path("message")))) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** Drops ids that the clinic's ledger already holds for another send of the same text. */
  private Optional<String> firstUnclaimed(
      List<String> candidates, OutboundMessage message, Instant since) {
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    List<String> claimed =
        jdbc.sql(
                """
                SELECT provider_message_id FROM outbound_message
                 WHERE tenant_id = :tenantId AND provider_message_id IN (:ids)
                   AND idempotency_key <> :key
                   AND created_at >= CAST(:since AS timestamptz) - interval '1 day'
                """)
            .param("tenantId", message.tenantId())
            .param("ids", candidates)
            .param("key", message.idempotencyKey())
            .param("since", java.sql.Timestamp.from(since))
            .query(String.class)
            .list();
    return candidates.stream().filter(id -> !claimed.contains(id)).findFirst();
  }

  /**
   * {@code where.messageTimestamp} needs both bounds (Evolution ignores one alone); older servers
   * ignore it altogether, so the records are filtered by time here as well.
   */
  private static Map<String, Object> query(String jid, Instant since) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("remoteJid", jid);
    key.put("fromMe", true);
    Map<String, Object> where = new LinkedHashMap<>();
    where.put("key", key);
    where.put(
        "messageTimestamp",
        Map.of("gte", since.toString(), "lte", Instant.now().plus(CLOCK_SKEW).toString()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("where", where);
    body.put("page", 1);
    body.put("offset", PAGE_SIZE);
    return body;
  }

  /** {@code messages.records} on 2.x; a bare array from builds that answer one. */
  private static JsonNode records(JsonNode response) {
    return response.isArray() ? response : response.path("messages").path("records");
  }

  /**
   * As Evolution stores text: {@code conversation} since 2.2, {@code extendedTextMessage} before.
   */
  private static String text(JsonNode message) {
    JsonNode conversation = message.path("conversation");
    if (conversation.isTextual()) {
      return conversation.textValue();
    }
    return message.path("extendedTextMessage").path("text").asText(null);
  }

  /**
   * The chat JIDs Evolution may have stored a send to {@code recipient} under: a full JID as given;
   * digits as a phone JID, and a Brazilian mobile number ({@code 55}, area code, {@code 9}, eight
   * digits) also without its ninth digit.
   */
  static List<String> chatJids(String recipient) {
    if (recipient.contains("@")) {
      return List.of(recipient);
    }
    String phoneJid = recipient + "@s.whatsapp.net";
    if (recipient.length() == 13 && recipient.startsWith("55") && recipient.charAt(4) == '9') {
      return List.of(
          phoneJid, recipient.substring(0, 4) + recipient.substring(5) + "@s.whatsapp.net");
    }
    return List.of(phoneJid);
  }
}
