package com.clinicflow.api.webhooks;

import com.clinicflow.api.ApiDocumentation;
import com.clinicflow.api.errors.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Telegram Bot API webhook for the staff assistant. Thin: verify the secret header, read within the
 * size limit, map ({@link TelegramUpdateMapper}), hand over ({@link StaffChatGateway}), answer.
 * Telegram retries anything but 2xx, so every well-formed update gets 200, also the ignored and
 * unauthorised ones (the workflow refuses those politely); 503 asks for a retry.
 */
@RestController
@Tag(name = "Webhooks")
@SecurityRequirement(name = ApiDocumentation.TELEGRAM_SECRET)
class TelegramWebhookController {

  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final String CHANNEL = "telegram";
  private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);

  private final byte[] secretDigest;
  private final WebhookBodyReader bodyReader;
  private final ObjectMapper json;
  private final TelegramUpdateMapper mapper;
  private final StaffChatGateway gateway;
  private final WebhookMetrics metrics;

  TelegramWebhookController(
      TelegramWebhookProperties properties,
      WebhookBodyReader bodyReader,
      ObjectMapper json,
      TelegramUpdateMapper mapper,
      StaffChatGateway gateway,
      WebhookMetrics metrics) {
    this.secretDigest =
        properties.webhookSecret() == null ? null : sha256(properties.webhookSecret());
    this.bodyReader = bodyReader;
    this.json = json;
    this.mapper = mapper;
    this.gateway = gateway;
    this.metrics = metrics;
    if (secretDigest == null) {
      log.warn(
          "The Telegram webhook is unauthenticated: set clinicflow.telegram.webhook-secret (and"
              + " the same secret_token in setWebhook) before exposing /webhooks/telegram.");
    }
  }

  @PostMapping(path = "/webhooks/telegram", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "receiveTelegramUpdate",
      summary = "Receive a Telegram update for the staff assistant",
      description =
          "A message is handed to its chat's assistant (workflow staff:{tenant_id}:{chat_id})"
              + " with signal-with-start; other updates are acknowledged as ignored. A repeated"
              + " update_id is answered duplicate.")
  @ApiResponse(
      responseCode = "200",
      description = "accepted, duplicate or ignored.",
      content = @Content(schema = @Schema(implementation = WebhookAck.class)))
  @ApiResponse(
      responseCode = "401",
      description = "The X-Telegram-Bot-Api-Secret-Token header is missing or wrong.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "400",
      description = "The body is not a JSON object with an update_id; nothing is taken.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "413",
      description = "The body is larger than clinicflow.evolution.max-webhook-bytes.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "503",
      description = "The update was not taken; Telegram delivers it again.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  WebhookAck receive(HttpServletRequest request) {
    long started = System.nanoTime();
    String tenantId = null;
    try {
      verify(request.getHeader(SECRET_HEADER));
      TelegramUpdateMapper.Mapping mapping =
          mapper.map(NulCharacters.strip(parse(bodyReader.read(request))));
      if (!(mapping instanceof TelegramUpdateMapper.ForStaff forStaff)) {
        metrics.record(CHANNEL, null, WebhookOutcome.IGNORED, started);
        return WebhookAck.of(WebhookOutcome.IGNORED, null);
      }
      StaffChatGateway.Delivery delivery = gateway.deliver(forStaff.update());
      tenantId = delivery.tenantId();
      metrics.record(CHANNEL, tenantId, delivery.outcome(), started);
      return WebhookAck.of(delivery.outcome(), delivery.workflowId());
    } catch (WebhookRejectedException e) {
      metrics.record(CHANNEL, tenantId, e.outcome(), started);
      throw e;
    } catch (RuntimeException e) {
      metrics.record(CHANNEL, tenantId, WebhookOutcome.ERROR, started);
      throw e;
    }
  }

  /** Compares digests: the time taken says nothing about the secret, not even its length. */
  private void verify(String presented) {
    if (secretDigest == null) {
      return;
    }
    if (presented == null || !MessageDigest.isEqual(secretDigest, sha256(presented))) {
      throw WebhookRejectedException.unauthorizedTelegram();
    }
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw WebhookRejectedException.malformedJson("The webhook body is not a JSON object.");
      }
      return node;
    } catch (IOException e) {
      throw WebhookRejectedException.malformedJson("The webhook body is not valid JSON.");
    }
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
