package com.clinicflow.api.webhooks;

import com.clinicflow.api.ApiDocumentation;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.tenants.TenantDirectory;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Evolution API v2 webhook, global ({@code /webhooks/evolution}) and "by events" ({@code
 * /webhooks/evolution/messages-upsert}) URLs. Thin on purpose: verify ({@link
 * WebhookAuthenticator}), read within the size limit ({@link WebhookBodyReader}), find the clinic,
 * map ({@link InboundMessageMapper}), hand over ({@link ConversationGateway}), answer. It never
 * waits for the agent.
 *
 * <p>Statuses are chosen for Evolution's retry rules: 400/401/404 stop its retries (nothing will
 * change on a redelivery), 503 asks for one.
 */
@RestController
@Tag(name = "Webhooks")
@SecurityRequirement(name = ApiDocumentation.WEBHOOK_SECRET)
@SecurityRequirement(name = ApiDocumentation.WEBHOOK_JWT)
class EvolutionWebhookController {

  private static final String CHANNEL = "whatsapp";
  private static final Logger log = LoggerFactory.getLogger(EvolutionWebhookController.class);

  private final WebhookAuthenticator authenticator;
  private final WebhookBodyReader bodyReader;
  private final ObjectMapper json;
  private final TenantDirectory tenants;
  private final InboundMessageMapper mapper;
  private final ConversationGateway gateway;
  private final ObjectProvider<ConnectionEvents> connectionEvents;
  private final WebhookMetrics metrics;

  EvolutionWebhookController(
      WebhookAuthenticator authenticator,
      WebhookBodyReader bodyReader,
      ObjectMapper json,
      TenantDirectory tenants,
      InboundMessageMapper mapper,
      ConversationGateway gateway,
      ObjectProvider<ConnectionEvents> connectionEvents,
      WebhookMetrics metrics) {
    this.authenticator = authenticator;
    this.bodyReader = bodyReader;
    this.json = json;
    this.tenants = tenants;
    this.mapper = mapper;
    this.gateway = gateway;
    this.connectionEvents = connectionEvents;
    this.metrics = metrics;
  }

  @PostMapping(
      path = {"/webhooks/evolution", "/webhooks/evolution/{event}"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "receiveEvolutionEvent",
      summary = "Receive an Evolution API event",
      description =
          "messages.upsert is handed to the patient's conversation (workflow"
              + " patient:{tenant_id}:{contact}) with signal-with-start; groups, status broadcasts,"
              + " reactions, album headers, messages without content and other events are"
              + " acknowledged as ignored. The body's own event field wins"
              + " over the URL's. Body limit: clinicflow.evolution.max-webhook-bytes.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema =
                          @Schema(
                              type = "object",
                              description = "Evolution v2 envelope: event, instance, data, …"),
                      examples =
                          @ExampleObject(
                              value =
                                  "{\"event\":\"messages.upsert\",\"instance\":\"clinic_moreira_instance\","
                                      + "\"data\":{\"key\":{\"remoteJid\":\"5511900000001@s.whatsapp.net\","
                                      + "\"fromMe\":false,\"id\":\"3B64E98B3C8E40852793\"},"
                                      + "\"message\":{\"conversation\":\"ola\"},"
                                      + "\"messageTimestamp\":1763039928}}"))))
  @ApiResponse(
      responseCode = "200",
      description = "accepted, duplicate or ignored.",
      content = @Content(schema = @Schema(implementation = WebhookAck.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON, or an envelope without instance, data or event.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "401",
      description = "Credentials are configured and the call has none that match.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "404",
      description = "unknown_instance: no tenant uses this instance (Evolution stops retrying).",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "413",
      description = "The body is above the size limit.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "503",
      description = "temporarily_unavailable: the message was not taken; Evolution retries.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  WebhookAck receive(
      @Parameter(description = "Event of a by-events URL, e.g. messages-upsert.")
          @PathVariable(name = "event", required = false)
          String pathEvent,
      HttpServletRequest request) {
    long started = System.nanoTime();
    String tenantId = null;
    try {
      authenticator.verify(request);
      EvolutionEnvelope envelope =
          EvolutionEnvelope.of(NulCharacters.strip(parse(bodyReader.read(request))), pathEvent);
      TenantConfig tenant = tenantOf(envelope.instance());
      tenantId = tenant.tenantId();
      WebhookAck ack = handle(tenant, envelope);
      metrics.record(CHANNEL, tenantId, outcomeOf(ack), started);
      return ack;
    } catch (WebhookRejectedException e) {
      metrics.record(CHANNEL, tenantId, e.outcome(), started);
      throw e;
    } catch (RuntimeException e) {
      metrics.record(CHANNEL, tenantId, WebhookOutcome.ERROR, started);
      throw e;
    }
  }

  private WebhookAck handle(TenantConfig tenant, EvolutionEnvelope envelope) {
    return switch (envelope.event()) {
      case EvolutionEnvelope.MESSAGES_UPSERT -> messageUpsert(tenant, envelope);
      case EvolutionEnvelope.CONNECTION_UPDATE -> connectionUpdate(tenant, envelope);
      // send.message is the echo of our own sends; acks, presence, QR codes… need nothing.
      default -> WebhookAck.of(WebhookOutcome.IGNORED, null);
    };
  }

  private WebhookAck messageUpsert(TenantConfig tenant, EvolutionEnvelope envelope) {
    if (!envelope.data().isObject()) {
      throw WebhookRejectedException.invalidEnvelope("messages.upsert data must be an object.");
    }
    InboundMessageMapper.Mapping mapping =
        mapper.map(tenant.tenantId(), envelope.instance(), envelope.data());
    if (mapping instanceof InboundMessageMapper.ForPatient forPatient) {
      ConversationGateway.Delivery delivery =
          gateway.deliver(tenant.tenantId(), forPatient.message());
      return WebhookAck.of(delivery.outcome(), delivery.workflowId());
    }
    return WebhookAck.of(WebhookOutcome.IGNORED, null);
  }

  private WebhookAck connectionUpdate(TenantConfig tenant, EvolutionEnvelope envelope) {
    ConnectionEvents listener = connectionEvents.getIfAvailable();
    if (listener != null) {
      JsonNode data = envelope.data();
      String state = data.path("state").isTextual() ? data.path("state").asText() : null;
      JsonNode reason = data.path("statusReason");
      Integer statusReason =
          reason.canConvertToInt() || reason.isTextual() && reason.asText().matches("\\d{1,9}")
              ? Integer.valueOf(reason.asInt())
              : null;
      try {
        listener.connectionChanged(tenant.tenantId(), envelope.instance(), state, statusReason);
      } catch (RuntimeException e) {
        log.warn(
            "Connection event of tenant {} not recorded: {}",
            tenant.tenantId(),
            e.getClass().getName());
        throw WebhookRejectedException.unavailable();
      }
    }
    return WebhookAck.of(WebhookOutcome.ACCEPTED, null);
  }

  private TenantConfig tenantOf(String instance) {
    Optional<TenantConfig> tenant;
    try {
      tenant = tenants.findByInstance(instance);
    } catch (RuntimeException e) {
      log.warn("Tenant directory unavailable: {}", e.getClass().getName());
      throw WebhookRejectedException.unavailable();
    }
    return tenant.orElseThrow(WebhookRejectedException::unknownInstance);
  }

  private JsonNode parse(byte[] body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw WebhookRejectedException.malformedJson("The webhook body is not valid JSON.");
    }
  }

  private static WebhookOutcome outcomeOf(WebhookAck ack) {
    return WebhookOutcome.valueOf(ack.status().toUpperCase(java.util.Locale.ROOT));
  }
}
