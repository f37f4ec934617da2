package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cancel_my_appointment}: cancels one of this patient's own appointments. Any other id
 * (another patient's, staff's, made up) is "not found" and nothing is touched.
 */
final class CancelMyAppointmentTool extends PatientAppointmentTool {

  static final String NAME = "cancel_my_appointment";

  CancelMyAppointmentTool(Appointments appointments, CachedTenants tenants) {
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
        "Cancels one of the upcoming appointments of the patient you are talking to. Confirm with"
            + " the patient which one before calling.",
        Map.of("appointment_id", APPOINTMENT_ID),
        List.of("appointment_id"));
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    String id = ToolArguments.text(invocation.call().args(), "appointment_id");
    AppointmentOutcome outcome = appointments.cancel(clinic, patient(invocation), id);
    if (outcome instanceof AppointmentOutcome.Done done) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("cancelled", true);
      result.put("appointment", AppointmentViews.appointment(done.appointment(), zone(clinic)));
      return result;
    }
    return AppointmentViews.refusal("cancelled", (AppointmentOutcome.Refused) outcome);
  }
}
