package com.clinicflow.activities.calendar;

import com.clinicflow.workflows.appointments.Appointment;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the model reads about appointments and slots: local dates and times of the clinic, the
 * weekday spelled out (models get weekdays of dates wrong), never another patient's data.
 */
final class AppointmentViews {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private AppointmentViews() {}

  static Map<String, Object> appointment(Appointment appointment, ZoneId zone) {
    ZonedDateTime start = appointment.start().atZone(zone);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("appointment_id", appointment.id());
    view.put("date", start.toLocalDate().toString());
    view.put("weekday", weekday(start));
    view.put("time", TIME.format(start));
    view.put("end_time", TIME.format(appointment.end().atZone(zone)));
    view.put("confirmed", appointment.confirmed());
    if (appointment.patientName() != null) {
      view.put("patient_name", appointment.patientName());
    }
    return view;
  }

  static Map<String, Object> slot(ZonedDateTime slot) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("date", slot.toLocalDate().toString());
    view.put("weekday", weekday(slot));
    view.put("time", TIME.format(slot));
    return view;
  }

  static List<Map<String, Object>> slots(List<ZonedDateTime> slots) {
    return slots.stream().map(AppointmentViews::slot).toList();
  }

  static List<String> times(List<ZonedDateTime> slots) {
    return slots.stream().map(TIME::format).toList();
  }

  static String weekday(ZonedDateTime time) {
    return time.getDayOfWeek()
        .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
        .toLowerCase(Locale.ROOT);
  }

  /** A refusal: its reason code and the alternatives to offer. */
  static Map<String, Object> refusal(String doneKey, AppointmentOutcome.Refused refused) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put(doneKey, false);
    view.put("reason", refused.reason().code());
    view.put("explanation", explanation(refused.reason()));
    if (!refused.alternatives().isEmpty()) {
      view.put("alternatives", slots(refused.alternatives()));
    }
    return view;
  }

  private static String explanation(Refusal reason) {
    return switch (reason) {
      case PAST_TIME -> "That time has already passed.";
      case CLOSED_DAY -> "The clinic is closed on that day.";
      case OUTSIDE_HOURS -> "That time is outside the clinic's opening hours.";
      case SLOT_TAKEN -> "That time is no longer free.";
      case NOT_FOUND -> "This patient has no appointment with that id.";
      case APPOINTMENT_OVER -> "That appointment has already begun or passed.";
    };
  }
}
