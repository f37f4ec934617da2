package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.workflows.appointments.Appointment;
import com.clinicflow.workflows.appointments.AppointmentActivities;
import com.clinicflow.workflows.appointments.ConfirmationKeys;
import com.clinicflow.workflows.appointments.ConfirmationPlan;
import com.clinicflow.workflows.appointments.ConfirmationRun;
import com.clinicflow.workflows.appointments.ScheduleRequest;
import com.clinicflow.workflows.appointments.ScheduleSettings;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link AppointmentActivities}: the day's appointments for confirmations, and each clinic's
 * schedule. Reads the tenant from the database itself, not the cache: these run once a day or right
 * after a change, and must see the change.
 */
public final class AppointmentActivitiesImpl implements AppointmentActivities {

  private final TenantRepository tenants;
  private final Appointments appointments;
  private final JdbcClient jdbc;
  private final LocalTime defaultConfirmationTime;

  AppointmentActivitiesImpl(
      TenantRepository tenants,
      Appointments appointments,
      JdbcClient jdbc,
      LocalTime defaultConfirmationTime) {
    this.tenants = tenants;
    this.appointments = appointments;
    this.jdbc = jdbc;
    this.defaultConfirmationTime = defaultConfirmationTime;
  }

  @Override
  public ConfirmationPlan planConfirmations(ConfirmationRun run) {
    Optional<TenantConfig> found = tenants.findById(run.tenantId());
    if (found.isEmpty()) {
      return new ConfirmationPlan(null, List.of(), List.of());
    }
    TenantConfig clinic = found.get();
    if (!clinic.active() || !PatientAppointmentTool.hasCalendar(clinic)) {
      return new ConfirmationPlan(clinic, List.of(), List.of());
    }
    List<Appointment> day = appointments.day(clinic, run.date());
    Map<String, String> idByKey = new LinkedHashMap<>();
    for (Appointment appointment : day) {
      if (appointment.contact() != null) {
        idByKey.put(
            ConfirmationKeys.sendKey(clinic.tenantId(), appointment.id(), run.date()),
            appointment.id());
      }
    }
    return new ConfirmationPlan(clinic, day, alreadySent(clinic.tenantId(), idByKey));
  }

  @Override
  public ScheduleSettings scheduleSettings(ScheduleRequest request) {
    return tenants
        .findById(request.tenantId())
        .filter(TenantConfig::active)
        .filter(PatientAppointmentTool::hasCalendar)
        .map(
            clinic ->
                new ScheduleSettings(
                    clinic.tenantId(),
                    true,
                    ClinicHours.of(clinic).zone().getId(),
                    confirmationTime(clinic).toString()))
        .orElseGet(() -> ScheduleSettings.unwanted(request.tenantId()));
  }

  /** {@code clinic_info.confirmation_time} when it is a valid {@code HH:mm}, else the default. */
  LocalTime confirmationTime(TenantConfig clinic) {
    Object value =
        clinic.clinicInfo() == null ? null : clinic.clinicInfo().get("confirmation_time");
    if (value instanceof String text && !text.isBlank()) {
      try {
        return LocalTime.parse(text.strip());
      } catch (DateTimeParseException e) {
        return defaultConfirmationTime;
      }
    }
    return defaultConfirmationTime;
  }

  /**
   * Appointment ids whose confirmation key the outbound ledger holds as delivered ({@code SENT}, or
   * {@code SANDBOX} when no gateway is configured). A {@code PENDING} or {@code FAILED} key is
   * tried again: the send activity itself decides, by the same key, whether to send.
   */
  private List<String> alreadySent(String tenantId, Map<String, String> idByKey) {
    if (idByKey.isEmpty()) {
      return List.of();
    }
    List<String> keys =
        jdbc.sql(
                """
                SELECT idempotency_key FROM outbound_message
                 WHERE tenant_id = :tenant_id AND idempotency_key IN (:keys)
                   AND status IN ('SENT', 'SANDBOX')
                """)
            .param("tenant_id", tenantId)
            .param("keys", List.copyOf(idByKey.keySet()))
            .query(String.class)
            .list();
    Set<String> sent = new HashSet<>(keys);
    return idByKey.entrySet().stream()
        .filter(e -> sent.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .toList();
  }
}
