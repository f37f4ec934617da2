package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.tenant.TenantConfig;

/**
 * {@code confirm_my_appointment}: the patient answered "sim" to a confirmation message; the
 * appointment is marked confirmed in the calendar (a private property staff tools can read).
 */
final class ConfirmMyAppointmentTool extends SingleAppointmentTool {

  static final String NAME = "confirm_my_appointment";

  ConfirmMyAppointmentTool(Appointments appointments, CachedTenants tenants) {
    super(
        appointments,
        tenants,
        NAME,
        "Records that the patient you are talking to confirmed they will attend one of their"
            + " upcoming appointments (for example after a reminder).",
        "confirmed");
  }

  @Override
  AppointmentOutcome act(TenantConfig clinic, AppointmentScope scope, String id) {
    return appointments.confirm(clinic, scope, id);
  }
}
