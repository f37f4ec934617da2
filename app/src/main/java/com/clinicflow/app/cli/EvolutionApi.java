package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The few Evolution API v2 calls onboarding needs, authenticated with the global key (header {@code
 * apikey}). Answers are read loosely: field positions moved between Evolution versions.
 */
final class EvolutionApi {

  /** The events ClinicFlow handles (docs/evolution-api.md §9, §12). */
  static final List<String> WEBHOOK_EVENTS =
      List.of("MESSAGES_UPSERT", "CONNECTION_UPDATE", "QRCODE_UPDATED");

  /** What {@code instance/create} or {@code instance/connect} said about pairing. */
  record Pairing(String qrCode, String pairingCode, String state) {}

  /**
   * The instance, whether it existed before, and its own token (Evolution's {@code hash}) when
   * Evolution gave it.
   */
  record Instance(boolean existed, Pairing pairing, String token) {}

  private final String baseUrl;
  private final String apiKey;
  // instance/create starts a WhatsApp session before answering: give it time.
  private final JsonHttp http = new JsonHttp("Evolution", Duration.ofSeconds(60));

  EvolutionApi(String baseUrl, String apiKey) {
    this.baseUrl = AdminApi.stripSlash(baseUrl);
    this.apiKey = apiKey;
  }

  /**
   * {@code --evolution-url} / {@code --evolution-api-key}, else CLINICFLOW_EVOLUTION_URL (or the
   * server's CLINICFLOW_EVOLUTION_BASE_URL) and CLINICFLOW_EVOLUTION_API_KEY.
   */
  static EvolutionApi from(Arguments args, Console console) {
    String url = args.option("evolution-url");
    if (url == null) {
      url = console.env("CLINICFLOW_EVOLUTION_URL");
    }
    if (url == null) {
      url = console.env("CLINICFLOW_EVOLUTION_BASE_URL");
    }
    String key = args.option("evolution-api-key");
    if (key == null) {
      key = console.env("CLINICFLOW_EVOLUTION_API_KEY");
    }
    if (url == null) {
      throw CliException.usage(
          "onboard needs Evolution's URL: --evolution-url or CLINICFLOW_EVOLUTION_URL");
    }
    if (key == null) {
      throw CliException.usage(
          "onboard needs Evolution's global API key: --evolution-api-key or"
              + " CLINICFLOW_EVOLUTION_API_KEY");
    }
    return new EvolutionApi(url, key);
  }

  /**
   * {@code POST /instance/create} with a QR code. An instance of that name that exists already is
   * not an error: onboarding can be run again after a failure.
   */
  Instance createInstance(String name) {
    ObjectNode body = JsonHttp.JSON.createObjectNode();
    body.put("instanceName", name);
    body.put("qrcode", true);
    body.put("integration", "WHATSAPP-BAILEYS");
    JsonHttp.Response response = http.send("POST", baseUrl + "/instance/create", headers(), body);
    if (response.ok()) {
      return new Instance(false, pairing(response.body()), token(response.body()));
    }
    if ((response.status() == 403 || response.status() == 409)
        && message(response).toLowerCase(Locale.ROOT).contains("already in use")) {
      return new Instance(true, null, null);
    }
    throw failure("create the instance " + name, response);
  }

  /** {@code POST /webhook/set/{instance}}: ClinicFlow's URL, the secret header, our events. */
  void setWebhook(String instance, String url, String secret) {
    ObjectNode webhook = JsonHttp.JSON.createObjectNode();
    webhook.put("enabled", true);
    webhook.put("url", url);
    if (secret != null) {
      webhook.putObject("headers").put("x-webhook-secret", secret);
    }
    webhook.put("byEvents", false);
    webhook.put("base64", false);
    WEBHOOK_EVENTS.forEach(webhook.putArray("events")::add);
    ObjectNode body = JsonHttp.JSON.createObjectNode();
    body.set("webhook", webhook);
    JsonHttp.Response response =
        http.send("POST", baseUrl + "/webhook/set/" + AdminApi.segment(instance), headers(), body);
    if (!response.ok()) {
      throw failure("point the webhook of " + instance + " at ClinicFlow", response);
    }
  }

  /** {@code GET /instance/connect/{instance}}: a fresh QR code, or the state if connected. */
  Pairing connect(String instance) {
    JsonHttp.Response response =
        http.send(
            "GET", baseUrl + "/instance/connect/" + AdminApi.segment(instance), headers(), null);
    if (!response.ok()) {
      throw failure("get a pairing QR code for " + instance, response);
    }
    return pairing(response.body());
  }

  /**
   * The token of an instance that exists already, from {@code GET /instance/fetchInstances} (v2:
   * {@code [{"name": …, "token": …}]}); null when Evolution answers an error or does not show it:
   * ClinicFlow can send with the global key, so a missing token does not stop onboarding.
   */
  String instanceToken(String instance) {
    JsonHttp.Response response =
        http.send(
            "GET",
            baseUrl + "/instance/fetchInstances?instanceName=" + AdminApi.segment(instance),
            headers(),
            null);
    if (!response.ok() || response.body() == null || !response.body().isArray()) {
      return null;
    }
    for (JsonNode found : response.body()) {
      if (instance.equals(text(found.path("name")))) {
        return text(found.path("token"));
      }
    }
    return null;
  }

  private Map<String, String> headers() {
    return Map.of("apikey", apiKey);
  }

  /** The QR payload and pairing code, at the top level or under {@code qrcode}. */
  private static Pairing pairing(JsonNode body) {
    if (body == null) {
      return new Pairing(null, null, null);
    }
    JsonNode qr = body.has("qrcode") && body.get("qrcode").isObject() ? body.get("qrcode") : body;
    String state = text(body.path("instance").path("state"));
    if (state == null) {
      state = text(body.path("instance").path("status"));
    }
    return new Pairing(text(qr.path("code")), text(qr.path("pairingCode")), state);
  }

  /** {@code hash} is the token itself in v2, {@code {"apikey": …}} in v1. */
  private static String token(JsonNode body) {
    if (body == null) {
      return null;
    }
    JsonNode hash = body.path("hash");
    return hash.isObject() ? text(hash.path("apikey")) : text(hash);
  }

  private static String text(JsonNode node) {
    return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
  }

  private CliException failure(String what, JsonHttp.Response response) {
    String hint = response.status() == 401 ? " (is the global API key right?)" : "";
    return new CliException(
        ExitCode.API_ERROR,
        "Evolution could not "
            + what
            + ": HTTP "
            + response.status()
            + " "
            + message(response)
            + hint);
  }

  /** Evolution's error text: {@code response.message} (a string or a list), else {@code error}. */
  private static String message(JsonHttp.Response response) {
    JsonNode body = response.body();
    if (body == null) {
      return "";
    }
    JsonNode message = body.path("response").path("message");
    if (message.isMissingNode()) {
      message = body.path("message");
    }
    List<String> parts = new ArrayList<>();
    if (message.isArray()) {
      message.forEach(m -> parts.add(m.isTextual() ? m.asText() : m.toString()));
    } else if (message.isTextual()) {
      parts.add(message.asText());
    }
    if (parts.isEmpty() && body.hasNonNull("error")) {
      parts.add(body.get("error").asText());
    }
    return String.join("; ", parts);
  }
}
