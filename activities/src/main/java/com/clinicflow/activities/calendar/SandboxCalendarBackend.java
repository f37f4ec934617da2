package com.clinicflow.activities.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A calendar in PostgreSQL ({@code sandbox_calendar_event}, V4) with Google Calendar's semantics,
 * for embedded mode without Google credentials: client-chosen ids, a deleted event keeps its id (so
 * inserting it again "conflicts"), free/busy ignores transparent and cancelled events, patches
 * merge private properties. Everything is scoped by tenant and calendar id.
 */
final class SandboxCalendarBackend implements CalendarBackend {

  private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;

  SandboxCalendarBackend(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to) {
    List<BusyInterval> rows =
        jdbc.sql(
                """
                SELECT start_at, end_at FROM sandbox_calendar_event
                 WHERE tenant_id = :tenant_id AND calendar_id = :calendar_id
                   AND status <> 'cancelled' AND NOT transparent
                   AND start_at < :to AND end_at > :from
                 ORDER BY start_at
                """)
            .param("tenant_id", calendar.tenantId())
            .param("calendar_id", calendar.calendarId())
            .param("from", timestamp(from))
            .param("to", timestamp(to))
            .query((rs, n) -> new BusyInterval(instant(rs, "start_at"), instant(rs, "end_at")))
            .list();
    return merged(rows);
  }

  @Override
  public boolean insert(CalendarRef calendar, CalendarEvent event, ZoneId zone) {
    return jdbc.sql(
                """
                INSERT INTO sandbox_calendar_event (tenant_id, calendar_id, event_id, summary,
                    description, start_at, end_at, time_zone, status, transparent,
                    private_properties)
                VALUES (:tenant_id, :calendar_id, :event_id, :summary, :description, :start_at,
                    :end_at, :time_zone, 'confirmed', false, CAST(:properties AS jsonb))
                ON CONFLICT (tenant_id, calendar_id, event_id) DO NOTHING
                """)
            .param("tenant_id", calendar.tenantId())
            .param("calendar_id", calendar.calendarId())
            .param("event_id", event.id())
            .param("summary", event.summary())
            .param("description", event.description())
            .param("start_at", timestamp(event.start()))
            .param("end_at", timestamp(event.end()))
            .param("time_zone", zone.getId())
            .param("properties", json(event.privateProperties()))
            .update()
        == 1;
  }

  @Override
  public Optional<CalendarEvent> get(CalendarRef calendar, String eventId) {
    return jdbc.sql(
            """
            SELECT * FROM sandbox_calendar_event
             WHERE tenant_id = :tenant_id AND calendar_id = :calendar_id AND event_id = :event_id
            """)
        .param("tenant_id", calendar.tenantId())
        .param("calendar_id", calendar.calendarId())
        .param("event_id", eventId)
        .query(SandboxCalendarBackend::event)
        .optional();
  }

  @Override
  public List<CalendarEvent> list(
      CalendarRef calendar, Instant from, Instant to, String privateProperty) {
    Map<String, String> filter = new HashMap<>();
    if (privateProperty != null) {
      int eq = privateProperty.indexOf('=');
      filter.put(privateProperty.substring(0, eq), privateProperty.substring(eq + 1));
    }
    return jdbc.sql(
            """
            SELECT * FROM sandbox_calendar_event
             WHERE tenant_id = :tenant_id AND calendar_id = :calendar_id
               AND status <> 'cancelled'
               AND start_at < :to AND end_at > :from
               AND private_properties @> CAST(:filter AS jsonb)
             ORDER BY start_at, event_id
            """)
        .param("tenant_id", calendar.tenantId())
        .param("calendar_id", calendar.calendarId())
        .param("from", timestamp(from))
        .param("to", timestamp(to))
        .param("filter", json(filter))
        .query(SandboxCalendarBackend::event)
        .list();
  }

  @Override
  public CalendarEvent patch(CalendarRef calendar, String eventId, EventPatch patch) {
    return jdbc.sql(
            """
            UPDATE sandbox_calendar_event SET
              start_at = COALESCE(CAST(:start_at AS timestamptz), start_at),
              end_at = COALESCE(CAST(:end_at AS timestamptz), end_at),
              time_zone = COALESCE(CAST(:time_zone AS text), time_zone),
              private_properties = private_properties || CAST(:properties AS jsonb),
              updated_at = now()
             WHERE tenant_id = :tenant_id AND calendar_id = :calendar_id AND event_id = :event_id
            RETURNING *
            """)
        .param("tenant_id", calendar.tenantId())
        .param("calendar_id", calendar.calendarId())
        .param("event_id", eventId)
        .param("start_at", timestamp(patch.start()))
        .param("end_at", timestamp(patch.end()))
        .param("time_zone", patch.zone() == null ? null : patch.zone().getId())
        .param(
            "properties",
            json(patch.privateProperties() == null ? Map.of() : patch.privateProperties()))
        .query(SandboxCalendarBackend::event)
        .optional()
        .orElseThrow(
            () ->
                com.clinicflow.workflows.common.Errors.NOT_FOUND.failure(
                    "Sandbox calendar has no event to patch"));
  }

  @Override
  public boolean delete(CalendarRef calendar, String eventId) {
    return jdbc.sql(
                """
                UPDATE sandbox_calendar_event SET status = 'cancelled', updated_at = now()
                 WHERE tenant_id = :tenant_id AND calendar_id = :calendar_id
                   AND event_id = :event_id AND status <> 'cancelled'
                """)
            .param("tenant_id", calendar.tenantId())
            .param("calendar_id", calendar.calendarId())
            .param("event_id", eventId)
            .update()
        == 1;
  }

  /** Free/busy merges touching and overlapping events into one period, as Google does. */
  static List<BusyInterval> merged(List<BusyInterval> byStart) {
    List<BusyInterval> out = new ArrayList<>();
    for (BusyInterval next : byStart) {
      if (!out.isEmpty() && !next.start().isAfter(out.get(out.size() - 1).end())) {
        BusyInterval last = out.remove(out.size() - 1);
        out.add(
            new BusyInterval(
                last.start(), next.end().isAfter(last.end()) ? next.end() : last.end()));
      } else {
        out.add(next);
      }
    }
    return out;
  }

  private static CalendarEvent event(ResultSet rs, int rowNum) throws SQLException {
    return new CalendarEvent(
        rs.getString("event_id"),
        instant(rs, "start_at"),
        instant(rs, "end_at"),
        rs.getString("summary"),
        rs.getString("description"),
        rs.getString("status"),
        rs.getBoolean("transparent"),
        properties(rs.getString("private_properties")));
  }

  private static String json(Map<String, String> properties) {
    try {
      return JSON.writeValueAsString(properties);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write private properties as JSON");
    }
  }

  private static Map<String, String> properties(String json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, PROPERTIES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored private properties are not a JSON object");
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
