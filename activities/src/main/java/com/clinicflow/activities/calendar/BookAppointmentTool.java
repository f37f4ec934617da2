package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code book_appointment}: books a time for the patient of this conversation. The event is tagged
 * with the conversation's contact (never a contact from the arguments), and its id comes from the
 * invocation's idempotency key, so a retried activity finds the booking instead of making another.
 */
final class BookAppointmentTool extends PatientAppointmentTool {

  static final String NAME = "book_appointment";

  BookAppointmentTool(Appointments appointments, CachedTenants tenants) {
    super(appointments, tenants);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ToolSpec spec() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("date", DATE);
    properties.put("time", TIME);
    properties.put(
        "patient_name", string("The patient's name as they gave it, for the clinic's calendar."));
    return spec(
        NAME,
        "Books an appointment for the patient you are talking to, at a free time within opening"
            + " hours. Answers booked=true with the appointment, or booked=false with the reason"
            + " and alternatives to offer. Only tell the patient it is booked when booked=true.",
        properties,
        List.of("date", "time"));
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    Map<String, Object> args = invocation.call().args();
    LocalDateTime start =
        LocalDateTime.of(ToolArguments.date(args, "date"), ToolArguments.time(args, "time"));
    PatientRef patient =
        new PatientRef(
            invocation.contact(),
            ToolArguments.optionalText(args, "patient_name"),
            invocation.conversationId());
    AppointmentOutcome outcome =
        appointments.book(clinic, patient, start, invocation.idempotencyKey());
    if (outcome instanceof AppointmentOutcome.Done done) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("booked", true);
      result.put("appointment", AppointmentViews.appointment(done.appointment(), zone(clinic)));
      return result;
    }
    return AppointmentViews.refusal("booked", (AppointmentOutcome.Refused) outcome);
  }
}
