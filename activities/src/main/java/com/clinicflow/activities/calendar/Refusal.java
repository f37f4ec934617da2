package com.clinicflow.activities.calendar;

import java.util.Locale;

/** Why an appointment operation was not done; the tools send the lower-case name to the model. */
public enum Refusal {
  /** The requested time has passed. */
  PAST_TIME,
  /** The clinic does not open on that day. */
  CLOSED_DAY,
  /** The appointment would start before opening or end after closing. */
  OUTSIDE_HOURS,
  /** Someone else has that time (free/busy says busy). */
  SLOT_TAKEN,
  /** No such appointment within the scope (another patient's looks exactly like a missing one). */
  NOT_FOUND,
  /** The appointment has already begun or passed: it can no longer be changed. */
  APPOINTMENT_OVER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
