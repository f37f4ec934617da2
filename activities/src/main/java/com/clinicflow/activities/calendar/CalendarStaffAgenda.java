package com.clinicflow.activities.calendar;

import com.clinicflow.activities.staff.StaffAgenda;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The staff assistant's agenda over the clinic's calendar (Google, or the PostgreSQL sandbox): the
 * same {@link Appointments} service, with its booking lock and idempotent event ids, that patients
 * use. A staff request names the patient by phone, and acts in that patient's scope: staff cannot
 * cancel or move the wrong patient's appointment by giving a wrong phone.
 */
public final class CalendarStaffAgenda implements StaffAgenda {

  private final Appointments appointments;

  public CalendarStaffAgenda(Appointments appointments) {
    this.appointments = appointments;
  }

  @Override
  public List<StaffAgenda.Appointment> day(TenantConfig clinic, LocalDate day) {
    return appointments.day(clinic, day).stream().map(a -> local(clinic, a)).toList();
  }

  /** Appointments have the clinic's own length ({@code clinic_info.appointment_minutes}). */
  @Override
  public StaffAgenda.Appointment book(
      TenantConfig clinic,
      String phone,
      String patientName,
      LocalDateTime start,
      int minutes,
      String key) {
    PatientRef patient =
        new PatientRef(phone, patientName, ConversationKey.workflowId(clinic.tenantId(), phone));
    return done(clinic, appointments.book(clinic, patient, start, key));
  }

  @Override
  public StaffAgenda.Appointment cancel(TenantConfig clinic, String phone, String appointmentId) {
    return done(
        clinic, appointments.cancel(clinic, AppointmentScope.patient(phone), appointmentId));
  }

  @Override
  public StaffAgenda.Appointment reschedule(
      TenantConfig clinic, String phone, String appointmentId, LocalDateTime newStart, String key) {
    return done(
        clinic,
        appointments.reschedule(clinic, AppointmentScope.patient(phone), appointmentId, newStart));
  }

  @Override
  public boolean live() {
    return true;
  }

  private static StaffAgenda.Appointment done(TenantConfig clinic, AppointmentOutcome outcome) {
    if (outcome instanceof AppointmentOutcome.Done done) {
      return local(clinic, done.appointment());
    }
    AppointmentOutcome.Refused refused = (AppointmentOutcome.Refused) outcome;
    String alternatives =
        refused.alternatives().stream()
            .map(ZonedDateTime::toLocalDateTime)
            .map(LocalDateTime::toString)
            .collect(Collectors.joining(", "));
    // The message goes back to the model, which tells the staff member.
    throw new IllegalArgumentException(
        refused.reason().name().toLowerCase(java.util.Locale.ROOT)
            + (alternatives.isEmpty() ? "" : "; free instead: " + alternatives));
  }

  // The calendar's appointment (inside this class, "Appointment" is StaffAgenda's).
  private static StaffAgenda.Appointment local(
      TenantConfig clinic, com.clinicflow.workflows.appointments.Appointment a) {
    ZoneId zone = ZoneId.of(clinic.timezone() == null ? "UTC" : clinic.timezone());
    String phone =
        a.contact() == null || ConversationKey.lidDigits(a.contact()) != null ? null : a.contact();
    return new StaffAgenda.Appointment(
        a.id(),
        phone,
        a.patientName() != null ? a.patientName() : a.summary(),
        LocalDateTime.ofInstant(a.start(), zone),
        LocalDateTime.ofInstant(a.end(), zone),
        "booked");
  }
}
