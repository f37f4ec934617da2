package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.tools.ToolHandler;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the patient's appointment tools share: they are offered to patients of clinics that have a
 * calendar, and they act for the conversation's clinic and contact only ({@link
 * ToolInvocation#tenantId()}, {@link ToolInvocation#contact()}); the model's arguments never name a
 * clinic, a calendar or a patient.
 */
abstract class PatientAppointmentTool implements ToolHandler {

  protected final Appointments appointments;
  private final CachedTenants tenants;

  PatientAppointmentTool(Appointments appointments, CachedTenants tenants) {
    this.appointments = appointments;
    this.tenants = tenants;
  }

  @Override
  public boolean offeredTo(ToolScope scope) {
    return scope.audience() == ToolScope.Audience.PATIENT
        && tenants
            .findById(scope.tenantId())
            .filter(PatientAppointmentTool::hasCalendar)
            .isPresent();
  }

  /** The conversation's clinic, with a calendar. */
  protected TenantConfig clinic(ToolInvocation invocation) {
    return tenants
        .findById(invocation.tenantId())
        .filter(PatientAppointmentTool::hasCalendar)
        .orElseThrow(() -> new IllegalArgumentException("this clinic has no calendar configured"));
  }

  /** The conversation's patient, under every contact the clinic has learned for them. */
  protected AppointmentScope.Patient patient(ToolInvocation invocation) {
    return appointments.patientOf(invocation.tenantId(), invocation.contact());
  }

  protected static ZoneId zone(TenantConfig clinic) {
    return ClinicHours.of(clinic).zone();
  }

  static boolean hasCalendar(TenantConfig clinic) {
    return clinic.googleCalendarId() != null && !clinic.googleCalendarId().isBlank();
  }

  static ToolSpec spec(
      String name, String description, Map<String, Object> properties, List<String> required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return new ToolSpec(name, description, schema);
  }

  static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  static final Map<String, Object> DATE =
      string(
          "Day in the clinic's time zone, as YYYY-MM-DD (resolve 'amanhã', 'sexta' from today's date).");
  static final Map<String, Object> TIME =
      string("Start time in the clinic's time zone, 24-hour clock, as HH:MM.");
  static final Map<String, Object> APPOINTMENT_ID =
      string("The appointment_id exactly as list_my_appointments or book_appointment returned it.");
}
