package com.clinicflow.workflows.staff;

import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The system instruction of a staff turn: the clinic's {@code system_prompt_internal}, then the
 * facts the model must not invent (clinic, today's date and time in the clinic's zone, who writes)
 * and how the staff tools expect their arguments. Built in the workflow, so it is in history.
 */
final class StaffInstruction {

  private static final DateTimeFormatter NOW =
      DateTimeFormatter.ofPattern("yyyy-MM-dd (EEEE) HH:mm", Locale.ENGLISH);

  private StaffInstruction() {}

  static String forStaff(TenantConfig config, Instant now, String staffName) {
    ZoneId zone = ZoneId.of(config.timezone() == null ? "UTC" : config.timezone());
    StringBuilder out = new StringBuilder();
    out.append(config.systemPromptInternal() == null ? "" : config.systemPromptInternal().strip());
    out.append("\n\n## Clinic\nName: ").append(config.clinicName()).append('\n');
    out.append("Time zone: ").append(zone.getId()).append('\n');
    out.append("\n## Now\n").append(NOW.format(ZonedDateTime.ofInstant(now, zone))).append('\n');
    out.append("\n## Who writes\n")
        .append(
            staffName == null || staffName.isBlank()
                ? "A member of the clinic's staff (Telegram)"
                : staffName + ", of the clinic's staff (Telegram)")
        .append('\n');
    out.append(
        """

        ## Rules
        - Patients are identified by their WhatsApp phone number: digits only, with country and \
        area code (e.g. 5511912345678).
        - Dates are YYYY-MM-DD and times HH:mm in the clinic's time zone.
        - Only say something was done (booked, sent, paused, created) when a tool result says so.
        """);
    if (config.language() != null) {
      out.append("- Answer in the staff's language; the clinic's language is ")
          .append(config.language())
          .append(".\n");
    }
    return out.toString();
  }
}
