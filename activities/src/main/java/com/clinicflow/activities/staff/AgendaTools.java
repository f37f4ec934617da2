package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code agenda_of_day}, {@code book_for_patient}, {@code cancel_for_patient}, {@code
 * reschedule_for_patient} over {@link StaffAgenda}; offered to clinics with a calendar ({@code
 * google_calendar_id} or {@code mcp_calendar_endpoint}).
 */
final class AgendaTools {

  static final int DEFAULT_MINUTES = 30;

  private AgendaTools() {}

  static Map<String, Object> view(StaffAgenda.Appointment a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("appointment_id", a.id());
    out.put("phone", a.phone());
    if (a.patientName() != null) {
      out.put("patient_name", a.patientName());
    }
    out.put("start", a.start().toString());
    out.put("end", a.end().toString());
    out.put("status", a.status());
    return out;
  }

  abstract static class AgendaTool extends StaffTool {
    final StaffAgenda agenda;

    AgendaTool(
        String name,
        String description,
        Map<String, Object> properties,
        List<String> required,
        CachedTenants tenants,
        StaffAgenda agenda) {
      super(name, description, properties, required, tenants);
      this.agenda = agenda;
    }

    @Override
    boolean offeredToClinic(String tenantId) {
      return tenants
          .findById(tenantId)
          .filter(c -> c.googleCalendarId() != null || c.mcpCalendarEndpoint() != null)
          .isPresent();
    }

    static int minutes(TenantConfig clinic) {
      Object configured =
          clinic.clinicInfo() == null ? null : clinic.clinicInfo().get("appointment_minutes");
      return configured instanceof Number n && n.intValue() > 0 ? n.intValue() : DEFAULT_MINUTES;
    }
  }

  static final class DayAgenda extends AgendaTool {
    DayAgenda(CachedTenants tenants, StaffAgenda agenda) {
      super(
          "agenda_of_day",
          "The clinic's appointments of one day.",
          Map.of("date", prop("string", "The day, YYYY-MM-DD")),
          List.of("date"),
          tenants,
          agenda);
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      TenantConfig clinic = clinic(invocation);
      return Map.of(
          "date",
          date(invocation, "date").toString(),
          "appointments",
          agenda.day(clinic, date(invocation, "date")).stream().map(AgendaTools::view).toList());
    }
  }

  static final class Book extends AgendaTool {
    Book(CachedTenants tenants, StaffAgenda agenda) {
      super(
          "book_for_patient",
          "Books an appointment for a patient.",
          Map.of(
              "phone", prop("string", "Patient's WhatsApp number, digits with country code"),
              "patient_name", prop("string", "Patient's name, optional"),
              "date", prop("string", "YYYY-MM-DD"),
              "time", prop("string", "HH:mm, clinic's local time")),
          List.of("phone", "date", "time"),
          tenants,
          agenda);
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      TenantConfig clinic = clinic(invocation);
      LocalDateTime start = LocalDateTime.of(date(invocation, "date"), time(invocation, "time"));
      return view(
          agenda.book(
              clinic,
              phone(invocation),
              optionalText(invocation, "patient_name"),
              start,
              minutes(clinic),
              invocation.idempotencyKey()));
    }
  }

  static final class Cancel extends AgendaTool {
    Cancel(CachedTenants tenants, StaffAgenda agenda) {
      super(
          "cancel_for_patient",
          "Cancels a patient's appointment (appointment_id from agenda_of_day).",
          Map.of(
              "phone", prop("string", "Patient's WhatsApp number, digits with country code"),
              "appointment_id", prop("string", "From agenda_of_day")),
          List.of("phone", "appointment_id"),
          tenants,
          agenda);
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      return view(
          agenda.cancel(clinic(invocation), phone(invocation), text(invocation, "appointment_id")));
    }
  }

  static final class Reschedule extends AgendaTool {
    Reschedule(CachedTenants tenants, StaffAgenda agenda) {
      super(
          "reschedule_for_patient",
          "Moves a patient's appointment to another day or time (appointment_id from"
              + " agenda_of_day).",
          Map.of(
              "phone", prop("string", "Patient's WhatsApp number, digits with country code"),
              "appointment_id", prop("string", "From agenda_of_day"),
              "new_date", prop("string", "YYYY-MM-DD"),
              "new_time", prop("string", "HH:mm, clinic's local time")),
          List.of("phone", "appointment_id", "new_date", "new_time"),
          tenants,
          agenda);
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      LocalDateTime start =
          LocalDateTime.of(date(invocation, "new_date"), time(invocation, "new_time"));
      return view(
          agenda.reschedule(
              clinic(invocation),
              phone(invocation),
              text(invocation, "appointment_id"),
              start,
              invocation.idempotencyKey()));
    }
  }
}
