package com.clinicflow.activities.staff;

import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appointments in memory, per clinic, lost on restart: only where no calendar service is wired
 * (tests of the staff tools alone); the worker uses the clinic's calendar (see
 * docs/staff-assistant.md).
 */
final class SandboxStaffAgenda implements StaffAgenda {

  private final Map<String, Map<String, Appointment>> byClinic = new ConcurrentHashMap<>();
  private final Map<String, String> byKey = new ConcurrentHashMap<>();

  @Override
  public List<Appointment> day(TenantConfig clinic, LocalDate day) {
    return appointments(clinic).values().stream()
        .filter(a -> a.status().equals("booked") && a.start().toLocalDate().equals(day))
        .sorted(Comparator.comparing(Appointment::start))
        .toList();
  }

  @Override
  public synchronized Appointment book(
      TenantConfig clinic,
      String phone,
      String patientName,
      LocalDateTime start,
      int minutes,
      String key) {
    String done = byKey.get(clinic.tenantId() + "|" + key);
    if (done != null) {
      return appointments(clinic).get(done);
    }
    LocalDateTime end = start.plusMinutes(minutes);
    requireFree(clinic, start, end, null);
    Appointment booked =
        new Appointment(UUID.randomUUID().toString(), phone, patientName, start, end, "booked");
    appointments(clinic).put(booked.id(), booked);
    byKey.put(clinic.tenantId() + "|" + key, booked.id());
    return booked;
  }

  @Override
  public synchronized Appointment cancel(TenantConfig clinic, String phone, String appointmentId) {
    Appointment found = patients(clinic, phone, appointmentId);
    Appointment cancelled =
        new Appointment(
            found.id(),
            found.phone(),
            found.patientName(),
            found.start(),
            found.end(),
            "cancelled");
    appointments(clinic).put(found.id(), cancelled);
    return cancelled;
  }

  @Override
  public synchronized Appointment reschedule(
      TenantConfig clinic, String phone, String appointmentId, LocalDateTime newStart, String key) {
    Appointment found = patients(clinic, phone, appointmentId);
    if (found.start().equals(newStart)) {
      return found; // a retry of a move that already happened
    }
    if (found.status().equals("cancelled")) {
      throw new IllegalArgumentException("that appointment is cancelled; book a new one");
    }
    LocalDateTime newEnd = newStart.plus(java.time.Duration.between(found.start(), found.end()));
    requireFree(clinic, newStart, newEnd, found.id());
    Appointment moved =
        new Appointment(found.id(), found.phone(), found.patientName(), newStart, newEnd, "booked");
    appointments(clinic).put(found.id(), moved);
    return moved;
  }

  @Override
  public boolean live() {
    return false;
  }

  private Map<String, Appointment> appointments(TenantConfig clinic) {
    return byClinic.computeIfAbsent(clinic.tenantId(), t -> new ConcurrentHashMap<>());
  }

  private Appointment patients(TenantConfig clinic, String phone, String appointmentId) {
    Appointment found = appointments(clinic).get(appointmentId);
    if (found == null || !found.phone().equals(phone)) {
      throw new IllegalArgumentException("no appointment with that id for that patient");
    }
    return found;
  }

  private void requireFree(
      TenantConfig clinic, LocalDateTime start, LocalDateTime end, String except) {
    boolean taken =
        appointments(clinic).values().stream()
            .anyMatch(
                a ->
                    a.status().equals("booked")
                        && !a.id().equals(except)
                        && a.start().isBefore(end)
                        && start.isBefore(a.end()));
    if (taken) {
      throw new IllegalArgumentException("that time is already taken");
    }
  }
}
