package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code confirm_my_appointment}: the patient answered "sim" to a confirmation message; the
 * appointment is marked confirmed in the calendar (a private property staff tools can read).
 */
final class ConfirmMyAppointmentTool extends PatientAppointmentTool {

  static final String NAME = "confirm_my_appointment";

  ConfirmMyAppointmentTool(Appointments appointments, CachedTenants tenants) {
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
        "Records that the patient you are talking to confirmed they will attend one of their"
            + " upcoming appointments (for example after a reminder).",
        Map.of("appointment_id", APPOINTMENT_ID),
        List.of("appointment_id"));
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    String id = ToolArguments.text(invocation.call().args(), "appointment_id");
    AppointmentOutcome outcome = appointments.confirm(clinic, patient(invocation), id);
    if (outcome instanceof AppointmentOutcome.Done done) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("confirmed", true);
      result.put("appointment", AppointmentViews.appointment(done.appointment(), zone(clinic)));
      return result;
    }
    return AppointmentViews.refusal("confirmed", (AppointmentOutcome.Refused) outcome);
  }
}
