package com.clinicflow.activities.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads the model's arguments. A wrong one is an {@link IllegalArgumentException} whose message
 * tells the model what to send instead (it goes back to the model as {@code {"error": ...}}).
 */
final class ToolArguments {

  private ToolArguments() {}

  static LocalDate date(Map<String, Object> args, String name) {
    String value = text(args, name);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a date as YYYY-MM-DD");
    }
  }

  /** {@code HH:mm}; {@code H:mm} and {@code HH:mm:ss} are accepted too. */
  static LocalTime time(Map<String, Object> args, String name) {
    String value = text(args, name);
    String padded = value.length() == 4 && value.charAt(1) == ':' ? "0" + value : value;
    try {
      return LocalTime.parse(padded);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a time as HH:MM (24-hour clock)");
    }
  }

  static String text(Map<String, Object> args, String name) {
    Object value = args == null ? null : args.get(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.toString().strip();
  }

  static String optionalText(Map<String, Object> args, String name) {
    Object value = args == null ? null : args.get(name);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
