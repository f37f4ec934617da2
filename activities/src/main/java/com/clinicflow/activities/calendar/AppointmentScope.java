package com.clinicflow.activities.calendar;

import java.util.Objects;

/**
 * Whose appointments an operation may touch. Always decided by the server from the conversation,
 * never from the model's arguments: a patient reaches only the events tagged with their own contact
 * at this clinic; clinic staff (the internal assistant) reach every event of the clinic's calendar.
 */
public sealed interface AppointmentScope {

  /** The patient of a WhatsApp conversation. */
  record Patient(String contact) implements AppointmentScope {
    public Patient {
      Objects.requireNonNull(contact, "contact");
    }
  }

  /** The clinic's staff. */
  record Staff() implements AppointmentScope {}

  static AppointmentScope patient(String contact) {
    return new Patient(contact);
  }

  static AppointmentScope staff() {
    return new Staff();
  }
}
