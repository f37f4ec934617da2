package com.clinicflow.activities.calendar;

import java.util.Set;

/**
 * Whose appointments an operation may touch. Always decided by the server from the conversation,
 * never from the model's arguments: a patient reaches only the events tagged with their own contact
 * at this clinic; clinic staff (the internal assistant) reach every event of the clinic's calendar.
 */
public sealed interface AppointmentScope {

  /**
   * The patient of a WhatsApp conversation, by every contact the clinic knows for them: the
   * conversation's own, and the WhatsApp LID or phone learned for it ({@link PatientIdentities}).
   */
  record Patient(Set<String> contacts) implements AppointmentScope {
    public Patient {
      contacts = Set.copyOf(contacts);
      if (contacts.isEmpty()) {
        throw new IllegalArgumentException("a patient has at least one contact");
      }
    }
  }

  /** The clinic's staff. */
  record Staff() implements AppointmentScope {}

  static AppointmentScope.Patient patient(String contact) {
    return new Patient(Set.of(contact));
  }

  static AppointmentScope staff() {
    return new Staff();
  }
}
