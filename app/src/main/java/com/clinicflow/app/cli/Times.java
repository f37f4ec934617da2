package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants of the API, shown to people: UTC by default, or in a clinic's own zone. */
final class Times {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Times() {}

  static String utc(JsonNode instant) {
    Instant parsed = parse(instant);
    return parsed == null ? "-" : UTC.format(parsed);
  }

  static String local(JsonNode instant, String zone) {
    Instant parsed = parse(instant);
    if (parsed == null) {
      return "-";
    }
    try {
      return LOCAL.format(parsed.atZone(ZoneId.of(zone)));
    } catch (DateTimeException | NullPointerException e) {
      return UTC.format(parsed);
    }
  }

  private static Instant parse(JsonNode node) {
    if (node == null || node.isNull() || node.asText().isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeException e) {
      return null;
    }
  }
}
