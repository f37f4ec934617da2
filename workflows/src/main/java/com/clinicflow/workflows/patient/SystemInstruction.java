package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The system instruction of a patient turn: the clinic's own prompt, then the facts the model must
 * not invent (clinic info, opening hours, today's date and time in the clinic's zone, who it is
 * talking to). Built in the workflow from the configuration the turn resolved, so it is visible in
 * history.
 */
final class SystemInstruction {

  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final DateTimeFormatter NOW =
      DateTimeFormatter.ofPattern("yyyy-MM-dd (EEEE) HH:mm", Locale.ENGLISH);

  private SystemInstruction() {}

  static String forPatient(TenantConfig config, Instant now, String patientName) {
    ZoneId zone = ZoneId.of(config.timezone() == null ? "UTC" : config.timezone());
    StringBuilder out = new StringBuilder();
    out.append(config.systemPromptPatient().strip()).append("\n\n");
    out.append("## Clinic\nName: ").append(config.clinicName()).append('\n');
    if (config.clinicInfo() != null) {
      config.clinicInfo().forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
    }
    out.append("\n## Opening hours (").append(zone.getId()).append(")\n");
    appendHours(out, config.businessHours());
    out.append("\n## Now\n").append(NOW.format(ZonedDateTime.ofInstant(now, zone))).append('\n');
    out.append("\n## Patient\n")
        .append(
            patientName == null || patientName.isBlank()
                ? "Name unknown (WhatsApp)"
                : "Name: " + patientName + " (WhatsApp)")
        .append('\n');
    if (config.language() != null) {
      out.append("Answer in the language of the patient; the clinic's language is ")
          .append(config.language())
          .append(".\n");
    }
    return out.toString();
  }

  private static void appendHours(StringBuilder out, Map<String, OpeningHours> hours) {
    for (String day : DAYS) {
      OpeningHours open = hours == null ? null : hours.get(day);
      out.append(day).append(": ");
      out.append(open == null ? "closed" : open.open() + "-" + open.close()).append('\n');
    }
  }
}
