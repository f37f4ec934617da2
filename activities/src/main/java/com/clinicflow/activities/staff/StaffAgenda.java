package com.clinicflow.activities.staff;

import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The clinic's appointments as the staff tools need them, in the clinic's local time. A seam on
 * purpose: the Google Calendar adapter (issue 4) implements it over the clinic's {@code
 * google_calendar_id}; until then {@link SandboxStaffAgenda} keeps appointments in memory.
 *
 * <p>Contract: act only on {@code clinic}; {@code book} and {@code reschedule} are idempotent by
 * {@code key} (the tool call's idempotency key); an appointment that is not that patient's, or a
 * slot that is taken, is an {@link IllegalArgumentException} (its message goes to the model);
 * vendor failures are {@code Errors} application failures.
 */
public interface StaffAgenda {

  /** Appointments of one local day, in time order (cancelled ones left out). */
  List<Appointment> day(TenantConfig clinic, LocalDate day);

  Appointment book(
      TenantConfig clinic,
      String phone,
      String patientName,
      LocalDateTime start,
      int minutes,
      String key);

  /** Cancels the patient's appointment; cancelling it again is harmless. */
  Appointment cancel(TenantConfig clinic, String phone, String appointmentId);

  /** Moves the patient's appointment to a new start, keeping its length. */
  Appointment reschedule(
      TenantConfig clinic, String phone, String appointmentId, LocalDateTime newStart, String key);

  /** Whether this agenda talks to a real calendar. */
  boolean live();

  /**
   * One appointment.
   *
   * @param status {@code booked} or {@code cancelled}
   */
  record Appointment(
      String id,
      String phone,
      String patientName,
      LocalDateTime start,
      LocalDateTime end,
      String status) {}
}
