package com.clinicflow.activities.calendar;

import com.clinicflow.activities.google.GoogleFailures;
import com.clinicflow.workflows.common.Errors;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import com.google.api.services.calendar.model.FreeBusyCalendar;
import com.google.api.services.calendar.model.FreeBusyRequest;
import com.google.api.services.calendar.model.FreeBusyRequestItem;
import com.google.api.services.calendar.model.FreeBusyResponse;
import com.google.api.services.calendar.model.TimePeriod;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link CalendarBackend} over Google Calendar v3 ({@code google-api-services-calendar}). The
 * client for a clinic comes from {@link GoogleCalendarClients} (its own credentials or the shared
 * ones); gzip request bodies are off and PATCH is a real PATCH, so a standard fake sees the wire
 * format Google documents.
 */
final class GoogleCalendarBackend implements CalendarBackend {

  /** RFC 3339 with seconds, always: Google refuses {@code 10:00-03:00}. */
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  /** An agenda or a patient's list never needs more; a runaway calendar cannot loop forever. */
  private static final int MAX_PAGES = 10;

  /** The API's name in failure messages. */
  private static final String API = "Google Calendar";

  private final Function<String, Calendar> clients;

  /**
   * @param clients the Calendar client of a tenant
   */
  GoogleCalendarBackend(Function<String, Calendar> clients) {
    this.clients = clients;
  }

  @Override
  public List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to) {
    FreeBusyRequest request =
        new FreeBusyRequest()
            .setTimeMin(utc(from))
            .setTimeMax(utc(to))
            .setTimeZone("UTC")
            .setItems(List.of(new FreeBusyRequestItem().setId(calendar.calendarId())));
    FreeBusyResponse response;
    try {
      response = client(calendar).freebusy().query(request).execute();
    } catch (IOException e) {
      throw GoogleFailures.from(e, API, "freeBusy.query");
    }
    FreeBusyCalendar answer =
        response.getCalendars() == null ? null : response.getCalendars().get(calendar.calendarId());
    if (answer == null) {
      throw Errors.UPSTREAM_UNAVAILABLE.failure("Google freeBusy answered without the calendar");
    }
    if (answer.getErrors() != null && !answer.getErrors().isEmpty()) {
      // freeBusy answers 200 and reports per calendar: "notFound" is a calendar that does not exist
      // or is not shared with the credentials, which no retry fixes.
      String reason = GoogleFailures.safeCode(answer.getErrors().get(0).getReason());
      throw "backendError".equals(reason)
          ? Errors.UPSTREAM_UNAVAILABLE.failure("Google freeBusy reported " + reason)
          : Errors.CONFIGURATION.failure(
              "Google freeBusy reported "
                  + reason
                  + " for the clinic's calendar: check google_calendar_id and that the calendar"
                  + " is shared with the credentials");
    }
    List<BusyInterval> busy = new ArrayList<>();
    if (answer.getBusy() != null) {
      for (TimePeriod period : answer.getBusy()) {
        busy.add(
            new BusyInterval(
                Instant.ofEpochMilli(period.getStart().getValue()),
                Instant.ofEpochMilli(period.getEnd().getValue())));
      }
    }
    return busy;
  }

  @Override
  public boolean insert(CalendarRef calendar, CalendarEvent event, ZoneId zone) {
    Event body =
        new Event()
            .setId(event.id())
            .setSummary(event.summary())
            .setDescription(event.description())
            .setStart(at(event.start(), zone))
            .setEnd(at(event.end(), zone))
            .setExtendedProperties(
                new Event.ExtendedProperties()
                    .setPrivate(new HashMap<>(event.privateProperties())));
    try {
      client(calendar)
          .events()
          .insert(calendar.calendarId(), body)
          .setSendUpdates("none")
          .execute();
      return true;
    } catch (IOException e) {
      if (GoogleFailures.isStatus(e, 409)) {
        return false; // this id exists: ours from an earlier attempt, or deleted (id kept)
      }
      throw GoogleFailures.from(e, API, "events.insert");
    }
  }

  @Override
  public Optional<CalendarEvent> get(CalendarRef calendar, String eventId) {
    try {
      return Optional.of(
          event(client(calendar).events().get(calendar.calendarId(), eventId).execute()));
    } catch (IOException e) {
      if (GoogleFailures.isStatus(e, 404, 410)) {
        return Optional.empty();
      }
      throw GoogleFailures.from(e, API, "events.get");
    }
  }

  @Override
  public List<CalendarEvent> list(
      CalendarRef calendar, Instant from, Instant to, String privateProperty) {
    List<CalendarEvent> out = new ArrayList<>();
    String pageToken = null;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        Calendar.Events.List request =
            client(calendar)
                .events()
                .list(calendar.calendarId())
                .setTimeMin(utc(from))
                .setTimeMax(utc(to))
                .setSingleEvents(true)
                .setOrderBy("startTime")
                .setShowDeleted(false)
                .setMaxResults(250)
                .setPageToken(pageToken);
        if (privateProperty != null) {
          request.setPrivateExtendedProperty(List.of(privateProperty));
        }
        Events events = request.execute();
        if (events.getItems() != null) {
          for (Event item : events.getItems()) {
            CalendarEvent event = event(item);
            if (!event.cancelled()) {
              out.add(event);
            }
          }
        }
        pageToken = events.getNextPageToken();
        if (pageToken == null) {
          break;
        }
      }
    } catch (IOException e) {
      throw GoogleFailures.from(e, API, "events.list");
    }
    return out;
  }

  @Override
  public CalendarEvent patch(CalendarRef calendar, String eventId, EventPatch patch) {
    Event partial = new Event();
    if (patch.start() != null) {
      partial.setStart(at(patch.start(), patch.zone()));
      partial.setEnd(at(patch.end(), patch.zone()));
    }
    if (patch.privateProperties() != null) {
      // A patch of extendedProperties.private writes the keys given and keeps the others.
      partial.setExtendedProperties(
          new Event.ExtendedProperties().setPrivate(new HashMap<>(patch.privateProperties())));
    }
    try {
      return event(
          client(calendar)
              .events()
              .patch(calendar.calendarId(), eventId, partial)
              .setSendUpdates("none")
              .execute());
    } catch (IOException e) {
      throw GoogleFailures.from(e, API, "events.patch");
    }
  }

  @Override
  public boolean delete(CalendarRef calendar, String eventId) {
    try {
      client(calendar)
          .events()
          .delete(calendar.calendarId(), eventId)
          .setSendUpdates("none")
          .execute();
      return true;
    } catch (IOException e) {
      if (GoogleFailures.isStatus(e, 404, 410)) {
        return false; // gone already: a retry after a delete that succeeded
      }
      throw GoogleFailures.from(e, API, "events.delete");
    }
  }

  private Calendar client(CalendarRef calendar) {
    return clients.apply(calendar.tenantId());
  }

  static DateTime utc(Instant instant) {
    return new DateTime(RFC3339.format(instant.atOffset(ZoneOffset.UTC)));
  }

  /** A time with the clinic's offset and zone name, as the calendar UI shows it. */
  static EventDateTime at(Instant instant, ZoneId zone) {
    OffsetDateTime local = instant.atZone(zone).toOffsetDateTime();
    return new EventDateTime()
        .setDateTime(new DateTime(RFC3339.format(local)))
        .setTimeZone(zone.getId());
  }

  static CalendarEvent event(Event event) {
    Map<String, String> properties =
        event.getExtendedProperties() == null || event.getExtendedProperties().getPrivate() == null
            ? Map.of()
            : event.getExtendedProperties().getPrivate();
    return new CalendarEvent(
        event.getId(),
        instant(event.getStart()),
        instant(event.getEnd()),
        event.getSummary(),
        event.getDescription(),
        event.getStatus() == null ? CalendarEvent.CONFIRMED : event.getStatus(),
        "transparent".equals(event.getTransparency()),
        properties);
  }

  /** Timed events carry {@code dateTime}; all-day events only a {@code date} (midnight UTC). */
  private static Instant instant(EventDateTime time) {
    if (time == null) {
      return null;
    }
    if (time.getDateTime() != null) {
      return Instant.ofEpochMilli(time.getDateTime().getValue());
    }
    if (time.getDate() != null) {
      LocalDate day = LocalDate.parse(time.getDate().toStringRfc3339().substring(0, 10));
      ZoneId zone = time.getTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(time.getTimeZone());
      return day.atStartOfDay(zone).toInstant();
    }
    return null;
  }
}
