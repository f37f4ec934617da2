package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A patient tool that acts on one of the patient's own appointments, named by its id: the
 * appointment is looked up in the patient's scope, so any other id (another patient's, staff's,
 * made up) is "not found" and nothing is touched.
 */
abstract class SingleAppointmentTool extends PatientAppointmentTool {

  private final String name;
  private final String description;
  private final String doneFlag;

  SingleAppointmentTool(
      Appointments appointments,
      CachedTenants tenants,
      String name,
      String description,
      String doneFlag) {
    super(appointments, tenants);
    this.name = name;
    this.description = description;
    this.doneFlag = doneFlag;
  }

  /** What the tool does to the appointment, within the patient's scope. */
  abstract AppointmentOutcome act(TenantConfig clinic, AppointmentScope scope, String id);

  @Override
  public String name() {
    return name;
  }

  @Override
  public ToolSpec spec() {
    return spec(
        name, description, Map.of("appointment_id", APPOINTMENT_ID), List.of("appointment_id"));
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    String id = ToolArguments.text(invocation.call().args(), "appointment_id");
    AppointmentOutcome outcome = act(clinic, patient(invocation), id);
    if (outcome instanceof AppointmentOutcome.Done done) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put(doneFlag, true);
      result.put("appointment", AppointmentViews.appointment(done.appointment(), zone(clinic)));
      return result;
    }
    return AppointmentViews.refusal(doneFlag, (AppointmentOutcome.Refused) outcome);
  }
}
