package com.clinicflow.activities.calendar;

import com.clinicflow.workflows.appointments.Appointment;
import java.time.ZonedDateTime;
import java.util.List;

/** The answer of a booking, move, cancellation or confirmation. */
public sealed interface AppointmentOutcome {

  /**
   * It is done.
   *
   * @param appointment the appointment as it is now
   * @param repeated it had been done already (a retry, or the same request twice): nothing changed
   */
  record Done(Appointment appointment, boolean repeated) implements AppointmentOutcome {}

  /**
   * It was not done.
   *
   * @param alternatives free slots to offer instead, in time order (clinic zone); may be empty
   */
  record Refused(Refusal reason, List<ZonedDateTime> alternatives) implements AppointmentOutcome {}
}
