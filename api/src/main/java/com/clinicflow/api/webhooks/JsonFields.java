package com.clinicflow.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** How the webhooks read a vendor's loosely typed JSON fields. */
final class JsonFields {

  private JsonFields() {}

  /** The field's text; null when it is missing, not a string, or blank. */
  static String text(JsonNode node) {
    return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
  }
}
