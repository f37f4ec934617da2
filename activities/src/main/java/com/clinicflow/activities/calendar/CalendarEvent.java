package com.clinicflow.activities.calendar;

import java.time.Instant;
import java.util.Map;

/**
 * A calendar event as both backends (Google and the sandbox) read and write it.
 *
 * @param status {@code confirmed}, {@code tentative} or {@code cancelled} (a deleted event keeps
 *     its id with status cancelled)
 * @param transparent "show as available": such an event does not block a slot
 * @param privateProperties {@code extendedProperties.private}: hidden from the calendar UI, the
 *     join key back to ClinicFlow (tenant, contact, conversation)
 */
record CalendarEvent(
    String id,
    Instant start,
    Instant end,
    String summary,
    String description,
    String status,
    boolean transparent,
    Map<String, String> privateProperties) {

  static final String CONFIRMED = "confirmed";
  static final String CANCELLED = "cancelled";

  CalendarEvent {
    Map<String, String> properties = new java.util.HashMap<>();
    if (privateProperties != null) {
      privateProperties.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              properties.put(k, v);
            }
          });
    }
    privateProperties = Map.copyOf(properties);
  }

  boolean cancelled() {
    return CANCELLED.equals(status);
  }

  String property(String name) {
    return privateProperties.get(name);
  }
}
