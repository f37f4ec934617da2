package com.clinicflow.workflows.testing;

import com.clinicflow.workflows.appointments.Appointment;
import com.clinicflow.workflows.appointments.AppointmentActivities;
import com.clinicflow.workflows.appointments.ConfirmationKeys;
import com.clinicflow.workflows.appointments.ConfirmationPlan;
import com.clinicflow.workflows.appointments.ConfirmationRun;
import com.clinicflow.workflows.appointments.ScheduleRequest;
import com.clinicflow.workflows.appointments.ScheduleSettings;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Calendar reads for the confirmation workflows: appointments per (tenant, day), clinics from the
 * tenant fake, "already sent" from what the WhatsApp fake sent (as the real plan reads the outbound
 * ledger), and schedule settings the test sets.
 */
public final class FakeAppointments implements AppointmentActivities {

  public final Map<String, List<Appointment>> byTenantAndDay = new ConcurrentHashMap<>();
  public final Map<String, ScheduleSettings> settings = new ConcurrentHashMap<>();
  public final List<ConfirmationRun> planned = new CopyOnWriteArrayList<>();
  public final List<ScheduleRequest> settingsRead = new CopyOnWriteArrayList<>();
  private final FakeActivities fakes;

  public FakeAppointments(FakeActivities fakes) {
    this.fakes = fakes;
  }

  public void put(String tenantId, LocalDate day, List<Appointment> appointments) {
    byTenantAndDay.put(tenantId + "|" + day, List.copyOf(appointments));
  }

  @Override
  public ConfirmationPlan planConfirmations(ConfirmationRun run) {
    planned.add(run);
    TenantConfig clinic =
        fakes.tenants.clinics.stream()
            .filter(c -> c.tenantId().equals(run.tenantId()))
            .findFirst()
            .orElse(null);
    if (clinic == null) {
      return new ConfirmationPlan(null, List.of(), List.of());
    }
    List<Appointment> day =
        byTenantAndDay.getOrDefault(run.tenantId() + "|" + run.date(), List.of());
    Set<String> sentKeys =
        fakes.whatsApp.sent.stream()
            .map(OutboundMessage::idempotencyKey)
            .collect(Collectors.toSet());
    List<String> alreadySent =
        day.stream()
            .filter(
                a ->
                    sentKeys.contains(ConfirmationKeys.sendKey(run.tenantId(), a.id(), run.date())))
            .map(Appointment::id)
            .toList();
    return new ConfirmationPlan(clinic, day, alreadySent);
  }

  @Override
  public ScheduleSettings scheduleSettings(ScheduleRequest request) {
    settingsRead.add(request);
    return settings.getOrDefault(request.tenantId(), ScheduleSettings.unwanted(request.tenantId()));
  }

  public List<LocalDate> plannedDates(String tenantId) {
    return planned.stream()
        .filter(r -> r.tenantId().equals(tenantId))
        .map(ConfirmationRun::date)
        .toList();
  }
}
