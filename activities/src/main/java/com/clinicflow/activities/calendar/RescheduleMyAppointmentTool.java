package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code reschedule_my_appointment}: moves one of this patient's own appointments. */
final class RescheduleMyAppointmentTool extends PatientAppointmentTool {

  static final String NAME = "reschedule_my_appointment";

  RescheduleMyAppointmentTool(Appointments appointments, CachedTenants tenants) {
    super(appointments, tenants);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ToolSpec spec() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("appointment_id", APPOINTMENT_ID);
    properties.put("date", DATE);
    properties.put("time", TIME);
    return spec(
        NAME,
        "Moves one of the upcoming appointments of the patient you are talking to to a new free"
            + " time. Answers rescheduled=true with the appointment, or rescheduled=false with the"
            + " reason and alternatives.",
        properties,
        List.of("appointment_id", "date", "time"));
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    Map<String, Object> args = invocation.call().args();
    String id = ToolArguments.text(args, "appointment_id");
    LocalDateTime start =
        LocalDateTime.of(ToolArguments.date(args, "date"), ToolArguments.time(args, "time"));
    AppointmentOutcome outcome = appointments.reschedule(clinic, patient(invocation), id, start);
    if (outcome instanceof AppointmentOutcome.Done done) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("rescheduled", true);
      result.put("appointment", AppointmentViews.appointment(done.appointment(), zone(clinic)));
      return result;
    }
    return AppointmentViews.refusal("rescheduled", (AppointmentOutcome.Refused) outcome);
  }
}
