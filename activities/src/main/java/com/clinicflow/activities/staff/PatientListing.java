package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.ConversationSummary;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Patients as a staff tool's answer lists them in the chat: how many there are, and the first few
 * by contact, name and a time of theirs in the clinic's own time zone.
 */
final class PatientListing {

  /** More than a chat message should list; the count says how many there are in all. */
  static final int MAX_LISTED = 30;

  /** Conversations counted at most. */
  static final int MAX_READ = 500;

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private PatientListing() {}

  /**
   * {@code count} of all {@code read}, and {@code patients}: the first listed, each as {@code row}.
   */
  static Map<String, Object> of(
      List<ConversationSummary> read, Function<ConversationSummary, Map<String, Object>> row) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", read.size());
    result.put("patients", read.stream().limit(MAX_LISTED).map(row).toList());
    return result;
  }

  /** A patient's contact, name and {@code timeField}: {@code at} in the clinic's time, or null. */
  static Map<String, Object> patient(
      ConversationSummary conversation, String timeField, Instant at, TenantConfig clinic) {
    Map<String, Object> patient = new LinkedHashMap<>();
    patient.put("contact", conversation.contact());
    patient.put("name", conversation.displayName());
    patient.put(timeField, local(at, clinic));
    return patient;
  }

  /** {@code at} as the clinic's clock read it ({@code yyyy-MM-dd HH:mm}), or null. */
  static String local(Instant at, TenantConfig clinic) {
    return at == null ? null : LOCAL.format(at.atZone(zone(clinic)));
  }

  private static ZoneId zone(TenantConfig clinic) {
    return ZoneId.of(clinic.timezone() == null ? "UTC" : clinic.timezone());
  }
}
