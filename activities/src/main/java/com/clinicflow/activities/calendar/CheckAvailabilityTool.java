package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code check_availability}: free appointment times of a day, from the calendar's free/busy. */
final class CheckAvailabilityTool extends PatientAppointmentTool {

  static final String NAME = "check_availability";

  CheckAvailabilityTool(Appointments appointments, CachedTenants tenants) {
    super(appointments, tenants);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ToolSpec spec() {
    return spec(
        NAME,
        "Free appointment start times of one day at this clinic, within its opening hours and in"
            + " its time zone. When the day has none (closed, full or past), next_free lists the"
            + " next free times of the following days. Call it before proposing times.",
        Map.of("date", DATE),
        List.of("date"));
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    LocalDate date = ToolArguments.date(invocation.call().args(), "date");
    Availability availability = appointments.availability(clinic, date);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("date", date.toString());
    result.put("weekday", date.getDayOfWeek().toString().toLowerCase(java.util.Locale.ROOT));
    result.put("timezone", zone(clinic).getId());
    result.put("appointment_minutes", ClinicHours.of(clinic).appointmentLength().toMinutes());
    result.put("open", availability.open());
    if (availability.window() != null) {
      result.put("opening_hours", availability.window());
    }
    if (availability.past()) {
      result.put("past", true);
    }
    result.put("free_times", AppointmentViews.times(availability.free()));
    if (!availability.nextFree().isEmpty()) {
      result.put("next_free", AppointmentViews.slots(availability.nextFree()));
    }
    return result;
  }
}
