package com.clinicflow.activities.calendar;

/** A clinic's calendar: the tenant (for credentials and scoping) and its calendar id. */
record CalendarRef(String tenantId, String calendarId) {

  /** The advisory-lock key of bookings on this calendar (see {@link CalendarLock}). */
  String lockKey() {
    return "calendar|" + tenantId + "|" + calendarId;
  }
}
