package com.clinicflow.activities.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The calendar operations ClinicFlow uses, with Google Calendar's semantics, implemented by Google
 * ({@link GoogleCalendarBackend}) and by a PostgreSQL sandbox ({@link SandboxCalendarBackend}).
 * Failures are {@code Errors} application failures (retryable or not), never the vendor's message.
 */
interface CalendarBackend {

  /** Busy periods between {@code from} and {@code to} (free/busy: transparent events excluded). */
  List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to);

  /**
   * Creates the event with its own id. False when an event with that id exists already (Google's
   * 409, also for a deleted event, which keeps its id).
   */
  boolean insert(CalendarRef calendar, CalendarEvent event, ZoneId zone);

  /** The event, cancelled ones included; empty when the id is unknown. */
  Optional<CalendarEvent> get(CalendarRef calendar, String eventId);

  /**
   * Events overlapping {@code [from, to)} in start order, recurring ones expanded, cancelled ones
   * left out.
   *
   * @param privateProperty {@code key=value} filter on private extended properties, or null
   */
  List<CalendarEvent> list(CalendarRef calendar, Instant from, Instant to, String privateProperty);

  CalendarEvent patch(CalendarRef calendar, String eventId, EventPatch patch);

  /** Deletes (cancels) the event; false when it was not there or already deleted. */
  boolean delete(CalendarRef calendar, String eventId);
}
