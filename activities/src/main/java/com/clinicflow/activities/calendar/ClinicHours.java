package com.clinicflow.activities.calendar;

import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A clinic's bookable time: its zone, its opening hours per weekday ({@code business_hours}; a day
 * missing is closed) and the length of one appointment ({@code clinic_info.appointment_minutes},
 * default 30). Slots start at opening time and repeat every appointment length; an appointment must
 * end by closing time.
 */
public final class ClinicHours {

  static final int DEFAULT_APPOINTMENT_MINUTES = 30;

  private static final Map<DayOfWeek, String> DAY_KEYS = new EnumMap<>(DayOfWeek.class);

  static {
    DAY_KEYS.put(DayOfWeek.MONDAY, "mon");
    DAY_KEYS.put(DayOfWeek.TUESDAY, "tue");
    DAY_KEYS.put(DayOfWeek.WEDNESDAY, "wed");
    DAY_KEYS.put(DayOfWeek.THURSDAY, "thu");
    DAY_KEYS.put(DayOfWeek.FRIDAY, "fri");
    DAY_KEYS.put(DayOfWeek.SATURDAY, "sat");
    DAY_KEYS.put(DayOfWeek.SUNDAY, "sun");
  }

  /** One day's opening, in the clinic's zone. */
  record Window(ZonedDateTime open, ZonedDateTime close) {}

  private final ZoneId zone;
  private final Map<String, OpeningHours> hours;
  private final Duration length;

  private ClinicHours(ZoneId zone, Map<String, OpeningHours> hours, Duration length) {
    this.zone = zone;
    this.hours = hours == null ? Map.of() : hours;
    this.length = length;
  }

  public static ClinicHours of(TenantConfig clinic) {
    ZoneId zone = ZoneId.of(clinic.timezone() == null ? "UTC" : clinic.timezone());
    return new ClinicHours(zone, clinic.businessHours(), appointmentLength(clinic));
  }

  public ZoneId zone() {
    return zone;
  }

  public Duration appointmentLength() {
    return length;
  }

  /** The day's opening, or empty when the clinic is closed that day. */
  Optional<Window> window(LocalDate date) {
    OpeningHours day = hours.get(DAY_KEYS.get(date.getDayOfWeek()));
    if (day == null || day.open() == null || day.close() == null) {
      return Optional.empty();
    }
    try {
      LocalTime open = LocalTime.parse(day.open());
      LocalTime close = LocalTime.parse(day.close());
      if (!close.isAfter(open)) {
        return Optional.empty();
      }
      return Optional.of(
          new Window(date.atTime(open).atZone(zone), date.atTime(close).atZone(zone)));
    } catch (DateTimeParseException e) {
      return Optional.empty(); // a malformed day cannot be booked; the admin API validates hours
    }
  }

  /** Whether an appointment starting then lies wholly inside that day's opening hours. */
  boolean fits(ZonedDateTime start) {
    return window(start.toLocalDate())
        .map(w -> !start.isBefore(w.open()) && !start.plus(length).isAfter(w.close()))
        .orElse(false);
  }

  /** The day's slot starts, in order; empty when closed. */
  List<ZonedDateTime> slots(LocalDate date) {
    List<ZonedDateTime> slots = new ArrayList<>();
    window(date)
        .ifPresent(
            w -> {
              for (ZonedDateTime s = w.open();
                  !s.plus(length).isAfter(w.close());
                  s = s.plus(length)) {
                slots.add(s);
              }
            });
    return slots;
  }

  /** {@code clinic_info.appointment_minutes} as a number or numeric text, within 5..480. */
  static Duration appointmentLength(TenantConfig clinic) {
    Object value =
        clinic.clinicInfo() == null ? null : clinic.clinicInfo().get("appointment_minutes");
    int minutes = DEFAULT_APPOINTMENT_MINUTES;
    if (value instanceof Number number) {
      minutes = number.intValue();
    } else if (value instanceof String text) {
      try {
        minutes = Integer.parseInt(text.strip());
      } catch (NumberFormatException e) {
        minutes = DEFAULT_APPOINTMENT_MINUTES;
      }
    }
    if (minutes < 5 || minutes > 480) {
      minutes = DEFAULT_APPOINTMENT_MINUTES;
    }
    return Duration.ofMinutes(minutes);
  }
}
