package com.clinicflow.api.webhooks;

import static com.clinicflow.api.webhooks.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The fields of Evolution's webhook envelope ClinicFlow reads.
 *
 * @param event dotted lower-case event name ({@code messages.upsert}); the body's own {@code event}
 *     wins over the one in a "by events" URL
 * @param instance Evolution instance name: how the clinic is found
 * @param data the event payload
 */
record EvolutionEnvelope(String event, String instance, JsonNode data) {

  static final String MESSAGES_UPSERT = "messages.upsert";
  static final String CONNECTION_UPDATE = "connection.update";

  /**
   * @param pathEvent the event of a by-events URL ({@code messages-upsert}), or null
   * @throws WebhookRejectedException 400 when a required envelope field is missing
   */
  static EvolutionEnvelope of(JsonNode root, String pathEvent) {
    if (root == null || !root.isObject()) {
      throw WebhookRejectedException.malformedJson("The webhook body must be a JSON object.");
    }
    String instance = text(root.get("instance"));
    if (instance == null) {
      throw WebhookRejectedException.invalidEnvelope("The envelope has no instance.");
    }
    JsonNode data = root.get("data");
    if (data == null || data.isNull() || data.isMissingNode()) {
      throw WebhookRejectedException.invalidEnvelope("The envelope has no data.");
    }
    String event = normalise(text(root.get("event")));
    if (event == null) {
      event = normalise(pathEvent);
    }
    if (event == null) {
      throw WebhookRejectedException.invalidEnvelope(
          "The envelope has no event and the URL names none.");
    }
    return new EvolutionEnvelope(event, instance, data);
  }

  /** {@code MESSAGES_UPSERT}, {@code messages-upsert} and {@code messages.upsert} are one event. */
  static String normalise(String event) {
    if (event == null || event.isBlank()) {
      return null;
    }
    return event.trim().toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
  }
}
