/**
 * Appointments in each clinic's calendar: Google Calendar v3, or a PostgreSQL sandbox with the same
 * semantics when no Google credentials are configured.
 *
 * <ul>
 *   <li>{@link com.clinicflow.activities.calendar.Appointments}: the scoped service (book, move,
 *       cancel, confirm, list, a day's agenda, availability) every tool and workflow goes through;
 *       idempotent bookings and one slot given once ({@code CalendarLock}).
 *   <li>The patient's tools ({@code *Tool}): {@code ToolHandler} beans offered to patients of
 *       clinics that have a calendar; scope from the conversation, never from the model.
 *   <li>{@link com.clinicflow.activities.calendar.AppointmentActivitiesImpl}: what the daily
 *       confirmation workflows read.
 *   <li>{@code GoogleCalendarBackend}, {@code GoogleCalendarClients}: the Google client, one per
 *       credential set; its errors as {@code Errors} through {@code google.GoogleFailures}, shared
 *       with Tasks. {@code SandboxCalendarBackend}: {@code sandbox_calendar_event} (V4).
 *   <li>{@link com.clinicflow.activities.calendar.CalendarConfiguration}: the beans.
 * </ul>
 *
 * Vendor facts: shared/reference/google-calendar-tasks.md. Operator guide: docs/appointments.md.
 */
package com.clinicflow.activities.calendar;
