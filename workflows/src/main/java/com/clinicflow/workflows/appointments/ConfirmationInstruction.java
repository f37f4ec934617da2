package com.clinicflow.workflows.appointments;

import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The LLM request of one confirmation: the clinic's {@code system_prompt_confirmation}, then the
 * facts the message must carry and the model must not invent (clinic, appointment date and time in
 * the clinic's zone, the patient's name). Built in the workflow, so it is visible in history.
 */
final class ConfirmationInstruction {

  /** The user turn of the request: the task itself; the facts are in the system instruction. */
  static final String REQUEST =
      "Write the confirmation message for the appointment described in your instructions now.";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd (EEEE)", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private ConfirmationInstruction() {}

  static String forAppointment(TenantConfig clinic, Appointment appointment) {
    ZoneId zone = ZoneId.of(clinic.timezone() == null ? "UTC" : clinic.timezone());
    ZonedDateTime start = appointment.start().atZone(zone);
    StringBuilder out = new StringBuilder();
    out.append(clinic.systemPromptConfirmation().strip()).append("\n\n");
    out.append("## Clinic\nName: ").append(clinic.clinicName()).append('\n');
    if (clinic.clinicInfo() != null) {
      clinic.clinicInfo().forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
    }
    out.append("\n## Appointment\n");
    out.append("Date: ").append(DATE.format(start)).append('\n');
    out.append("Time: ").append(TIME.format(start)).append(" (").append(zone.getId()).append(")\n");
    out.append(
        appointment.patientName() == null || appointment.patientName().isBlank()
            ? "Patient: name unknown\n"
            : "Patient: " + appointment.patientName() + "\n");
    out.append("\n## Output\n");
    if (clinic.language() != null) {
      out.append("Write in ").append(clinic.language()).append(". ");
    }
    out.append(
        "Answer with the WhatsApp message to the patient only: no preamble, no placeholders."
            + " The patient may answer to confirm, cancel or reschedule, and you will handle the"
            + " answer with your appointment tools.\n");
    return out.toString();
  }
}
