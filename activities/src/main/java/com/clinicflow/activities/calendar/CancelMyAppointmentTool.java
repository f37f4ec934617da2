package com.clinicflow.activities.calendar;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.workflows.tenant.TenantConfig;

/** {@code cancel_my_appointment}: cancels one of this patient's own appointments. */
final class CancelMyAppointmentTool extends SingleAppointmentTool {

  static final String NAME = "cancel_my_appointment";

  CancelMyAppointmentTool(Appointments appointments, CachedTenants tenants) {
    super(
        appointments,
        tenants,
        NAME,
        "Cancels one of the upcoming appointments of the patient you are talking to. Confirm with"
            + " the patient which one before calling.",
        "cancelled");
  }

  @Override
  AppointmentOutcome act(TenantConfig clinic, AppointmentScope scope, String id) {
    return appointments.cancel(clinic, scope, id);
  }
}
