package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.appointments.Appointment;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code list_my_appointments}: the upcoming appointments of this conversation's patient. */
final class ListMyAppointmentsTool extends PatientAppointmentTool {

  static final String NAME = "list_my_appointments";

  ListMyAppointmentsTool(Appointments appointments, CachedTenants tenants) {
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
        "The upcoming appointments of the patient you are talking to at this clinic, with their"
            + " appointment_id (needed to cancel, reschedule or confirm).",
        Map.of(),
        List.of());
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    List<Appointment> mine = appointments.upcoming(clinic, patient(invocation));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", mine.size());
    result.put(
        "appointments",
        mine.stream().map(a -> AppointmentViews.appointment(a, zone(clinic))).toList());
    return result;
  }
}
