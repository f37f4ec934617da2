package com.clinicflow.activities.calendar;

import com.clinicflow.workflows.appointments.Appointment;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A clinic's appointments, scoped: the service behind the patient tools, the confirmation run and
 * (issue 5) the staff tools. Every method takes the clinic's configuration (its calendar id, zone,
 * hours and appointment length come only from there) and, where it touches existing appointments,
 * an {@link AppointmentScope} decided by the caller from the conversation.
 *
 * <ul>
 *   <li>Booking is idempotent: the event id is derived from the caller's idempotency key, and an
 *       event already there with that id and this patient's tag is the booking (a 409 for our own
 *       id is success).
 *   <li>Bookings and moves on one calendar are serialised ({@link CalendarLock}) across the check
 *       of free/busy and the write, so one slot is never given twice by ClinicFlow.
 *   <li>Times are local to the clinic; a time in the past or outside business hours is refused with
 *       free alternatives.
 * </ul>
 */
public final class Appointments {

  // Private extended properties: the event's tag back to ClinicFlow.
  static final String TENANT = "cf_tenant";
  static final String CONTACT = "cf_contact";
  static final String CONVERSATION = "cf_conv";
  static final String NAME = "cf_name";
  static final String CONFIRMED = "cf_confirmed";
  static final String SOURCE = "cf_source";

  /** How many free slots a refusal offers. */
  static final int ALTERNATIVES = 5;

  /** How far ahead free slots are searched. */
  static final int SEARCH_DAYS = 14;

  /** Re-booking in one turn after a cancellation needs fresh ids; more is not a real patient. */
  static final int MAX_GENERATIONS = 3;

  /** How far ahead a patient's appointments are listed. */
  static final Duration LIST_HORIZON = Duration.ofDays(366);

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private final CalendarBackends backends;
  private final CalendarLock lock;
  private final PatientIdentities identities;
  private final Clock clock;

  Appointments(
      CalendarBackends backends, CalendarLock lock, PatientIdentities identities, Clock clock) {
    this.backends = backends;
    this.lock = lock;
    this.identities = identities;
    this.clock = clock;
  }

  /**
   * The scope of a conversation's patient: the conversation's contact and the LID or phone the
   * clinic has learned for it, so an appointment booked while the patient was known by LID alone is
   * still theirs once they are known by phone (and the other way round).
   */
  public AppointmentScope.Patient patientOf(String tenantId, String contact) {
    return new AppointmentScope.Patient(identities.of(tenantId, contact));
  }

  /** Free slots of {@code date}, and the next free ones when that day has none. */
  public Availability availability(TenantConfig clinic, LocalDate date) {
    CalendarRef ref = ref(clinic);
    CalendarBackend backend = backends.forTenant(clinic.tenantId());
    ClinicHours hours = ClinicHours.of(clinic);
    Instant now = clock.instant();
    LocalDate today = now.atZone(hours.zone()).toLocalDate();
    Optional<ClinicHours.Window> window = hours.window(date);
    String shown =
        window.map(w -> HH_MM.format(w.open()) + "-" + HH_MM.format(w.close())).orElse(null);
    List<ZonedDateTime> free = List.of();
    if (!date.isBefore(today) && window.isPresent()) {
      List<BusyInterval> busy =
          backend.busy(ref, window.get().open().toInstant(), window.get().close().toInstant());
      free = freeSlots(hours, date, busy, now);
    }
    List<ZonedDateTime> next = List.of();
    if (free.isEmpty()) {
      LocalDate from = date.isBefore(today) ? today : date.plusDays(1);
      next = firstFree(backend, ref, hours, from, now, ALTERNATIVES);
    }
    return new Availability(date, window.isPresent(), date.isBefore(today), free, next, shown);
  }

  /**
   * Books {@code start} (local to the clinic) for the patient. Idempotent by {@code
   * idempotencyKey}: the same key never creates a second event, whatever failed in between.
   */
  public AppointmentOutcome book(
      TenantConfig clinic, PatientRef patient, LocalDateTime start, String idempotencyKey) {
    CalendarRef ref = ref(clinic);
    CalendarBackend backend = backends.forTenant(clinic.tenantId());
    ClinicHours hours = ClinicHours.of(clinic);
    ZonedDateTime from = start.atZone(hours.zone());
    Instant end = from.toInstant().plus(hours.appointmentLength());
    Optional<Refusal> invalid = invalidTime(hours, from);
    if (invalid.isPresent()) {
      return refused(invalid.get(), backend, ref, hours, from);
    }
    AppointmentOutcome outcome =
        lock.around(
            ref,
            () -> {
              for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
                String id = EventIds.of(ref, idempotencyKey, generation);
                Optional<CalendarEvent> existing = backend.get(ref, id);
                if (existing.isPresent()) {
                  if (isBookingOf(existing.get(), clinic, patient)) {
                    return done(clinic, existing.get(), true); // an earlier attempt booked it
                  }
                  continue; // booked and cancelled within the same request: a fresh id
                }
                if (BusyInterval.anyOverlaps(
                    backend.busy(ref, from.toInstant(), end), from.toInstant(), end)) {
                  return null; // taken: alternatives are looked up outside the lock
                }
                CalendarEvent event = newEvent(id, clinic, patient, from.toInstant(), end);
                if (backend.insert(ref, event, hours.zone())) {
                  return done(clinic, event, false);
                }
                // 409 although get found nothing a moment ago: a concurrent attempt with the same
                // key created it. Ours, so success.
                CalendarEvent raced =
                    backend
                        .get(ref, id)
                        .orElseThrow(
                            () ->
                                Errors.UPSTREAM_UNAVAILABLE.failure(
                                    "Calendar reported an existing event it cannot return"));
                if (isBookingOf(raced, clinic, patient)) {
                  return done(clinic, raced, true);
                }
              }
              throw new IllegalArgumentException(
                  "this booking was already made and cancelled several times; ask the patient"
                      + " to confirm once more");
            });
    return outcome != null ? outcome : refused(Refusal.SLOT_TAKEN, backend, ref, hours, from);
  }

  /** The patient's appointments from now on, under any of their contacts, in time order. */
  public List<Appointment> upcoming(TenantConfig clinic, AppointmentScope.Patient patient) {
    CalendarRef ref = ref(clinic);
    CalendarBackend backend = backends.forTenant(clinic.tenantId());
    Instant now = clock.instant();
    Map<String, CalendarEvent> found = new HashMap<>();
    for (String contact : patient.contacts()) {
      backend.list(ref, now, now.plus(LIST_HORIZON), CONTACT + "=" + contact).stream()
          // The filter is the calendar's; the tenant and contact are checked here again.
          .filter(e -> allows(patient, clinic.tenantId(), e))
          .forEach(e -> found.putIfAbsent(e.id(), e));
    }
    return found.values().stream()
        .sorted(
            Comparator.comparing(
                    CalendarEvent::start, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(CalendarEvent::id))
        .map(e -> appointment(clinic, e))
        .toList();
  }

  /** Every appointment of {@code date} (a local day of the clinic), in time order. */
  public List<Appointment> day(TenantConfig clinic, LocalDate date) {
    ClinicHours hours = ClinicHours.of(clinic);
    Instant from = date.atStartOfDay(hours.zone()).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(hours.zone()).toInstant();
    return backends.forTenant(clinic.tenantId()).list(ref(clinic), from, to, null).stream()
        .filter(e -> e.start() != null && !e.start().isBefore(from) && e.start().isBefore(to))
        .map(e -> appointment(clinic, e))
        .toList();
  }

  /** Cancels an appointment the scope may touch; a repeat reports it done again. */
  public AppointmentOutcome cancel(TenantConfig clinic, AppointmentScope scope, String id) {
    CalendarRef ref = ref(clinic);
    CalendarBackend backend = backends.forTenant(clinic.tenantId());
    Optional<CalendarEvent> found = visible(backend, ref, clinic, scope, id);
    if (found.isEmpty()) {
      return notFound();
    }
    CalendarEvent event = found.get();
    if (event.cancelled()) {
      return new AppointmentOutcome.Done(appointment(clinic, event), true);
    }
    if (!event.start().isAfter(clock.instant())) {
      return new AppointmentOutcome.Refused(Refusal.APPOINTMENT_OVER, List.of());
    }
    boolean deleted = backend.delete(ref, id);
    return new AppointmentOutcome.Done(appointment(clinic, event), !deleted);
  }

  /** Moves an appointment the scope may touch to {@code start} (local to the clinic). */
  public AppointmentOutcome reschedule(
      TenantConfig clinic, AppointmentScope scope, String id, LocalDateTime start) {
    CalendarRef ref = ref(clinic);
    CalendarBackend backend = backends.forTenant(clinic.tenantId());
    ClinicHours hours = ClinicHours.of(clinic);
    Optional<CalendarEvent> found = visible(backend, ref, clinic, scope, id);
    if (found.isEmpty() || found.get().cancelled()) {
      return notFound();
    }
    ZonedDateTime from = start.atZone(hours.zone());
    Instant end = from.toInstant().plus(hours.appointmentLength());
    if (found.get().start().equals(from.toInstant())) {
      return new AppointmentOutcome.Done(appointment(clinic, found.get()), true);
    }
    if (!found.get().start().isAfter(clock.instant())) {
      return new AppointmentOutcome.Refused(Refusal.APPOINTMENT_OVER, List.of());
    }
    Optional<Refusal> invalid = invalidTime(hours, from);
    if (invalid.isPresent()) {
      return refused(invalid.get(), backend, ref, hours, from);
    }
    AppointmentOutcome outcome =
        lock.around(
            ref,
            () -> {
              CalendarEvent current = backend.get(ref, id).orElse(null);
              if (current == null || current.cancelled()) {
                return notFound();
              }
              // Free/busy merges this appointment with its neighbours: take its own time out.
              List<BusyInterval> others =
                  BusyInterval.without(
                      backend.busy(ref, from.toInstant(), end), current.start(), current.end());
              if (BusyInterval.anyOverlaps(others, from.toInstant(), end)) {
                return null;
              }
              CalendarEvent moved =
                  backend.patch(ref, id, EventPatch.times(from.toInstant(), end, hours.zone()));
              return new AppointmentOutcome.Done(appointment(clinic, moved), false);
            });
    return outcome != null ? outcome : refused(Refusal.SLOT_TAKEN, backend, ref, hours, from);
  }

  /** Marks an appointment the scope may touch as confirmed by the patient. */
  public AppointmentOutcome confirm(TenantConfig clinic, AppointmentScope scope, String id) {
    CalendarRef ref = ref(clinic);
    CalendarBackend backend = backends.forTenant(clinic.tenantId());
    Optional<CalendarEvent> found = visible(backend, ref, clinic, scope, id);
    if (found.isEmpty() || found.get().cancelled()) {
      return notFound();
    }
    if ("true".equals(found.get().property(CONFIRMED))) {
      return new AppointmentOutcome.Done(appointment(clinic, found.get()), true);
    }
    CalendarEvent confirmed =
        backend.patch(ref, id, EventPatch.properties(Map.of(CONFIRMED, "true")));
    return new AppointmentOutcome.Done(appointment(clinic, confirmed), false);
  }

  // --- scoping -------------------------------------------------------------------------------

  /**
   * The event if the scope may touch it. Another patient's event, a foreign id and a malformed id
   * all look the same ("not found"), so a patient cannot probe the calendar.
   */
  private static Optional<CalendarEvent> visible(
      CalendarBackend backend,
      CalendarRef ref,
      TenantConfig clinic,
      AppointmentScope scope,
      String id) {
    if (!EventIds.plausible(id)) {
      return Optional.empty();
    }
    return backend.get(ref, id).filter(e -> allows(scope, clinic.tenantId(), e));
  }

  static boolean allows(AppointmentScope scope, String tenantId, CalendarEvent event) {
    if (scope instanceof AppointmentScope.Patient patient) {
      return tenantId.equals(event.property(TENANT))
          && patient.contacts().contains(event.property(CONTACT));
    }
    return true;
  }

  private static boolean isBookingOf(CalendarEvent event, TenantConfig clinic, PatientRef patient) {
    return !event.cancelled()
        && clinic.tenantId().equals(event.property(TENANT))
        && Objects.equals(patient.contact(), event.property(CONTACT));
  }

  // --- time rules and alternatives -----------------------------------------------------------

  private Optional<Refusal> invalidTime(ClinicHours hours, ZonedDateTime start) {
    if (!start.toInstant().isAfter(clock.instant())) {
      return Optional.of(Refusal.PAST_TIME);
    }
    if (hours.window(start.toLocalDate()).isEmpty()) {
      return Optional.of(Refusal.CLOSED_DAY);
    }
    if (!hours.fits(start)) {
      return Optional.of(Refusal.OUTSIDE_HOURS);
    }
    return Optional.empty();
  }

  private AppointmentOutcome refused(
      Refusal reason,
      CalendarBackend backend,
      CalendarRef ref,
      ClinicHours hours,
      ZonedDateTime wanted) {
    return new AppointmentOutcome.Refused(reason, alternatives(backend, ref, hours, wanted));
  }

  /**
   * Free slots near {@code wanted}: up to three on the same day, closest first, then the earliest
   * of the following days; returned in time order.
   */
  List<ZonedDateTime> alternatives(
      CalendarBackend backend, CalendarRef ref, ClinicHours hours, ZonedDateTime wanted) {
    Instant now = clock.instant();
    LocalDate today = now.atZone(hours.zone()).toLocalDate();
    LocalDate day = wanted.toLocalDate().isBefore(today) ? today : wanted.toLocalDate();
    ZonedDateTime around = wanted.toInstant().isBefore(now) ? now.atZone(hours.zone()) : wanted;
    Instant to = day.plusDays(SEARCH_DAYS).atStartOfDay(hours.zone()).toInstant();
    Instant from = day.atStartOfDay(hours.zone()).toInstant();
    List<BusyInterval> busy = backend.busy(ref, from.isBefore(now) ? now : from, to);
    List<ZonedDateTime> sameDay = new ArrayList<>(freeSlots(hours, day, busy, now));
    sameDay.sort(Comparator.comparing((ZonedDateTime s) -> Duration.between(around, s).abs()));
    List<ZonedDateTime> picked = new ArrayList<>(sameDay.subList(0, Math.min(3, sameDay.size())));
    for (int d = 1; d < SEARCH_DAYS && picked.size() < ALTERNATIVES; d++) {
      for (ZonedDateTime slot : freeSlots(hours, day.plusDays(d), busy, now)) {
        if (picked.size() >= ALTERNATIVES) {
          break;
        }
        picked.add(slot);
      }
    }
    picked.sort(Comparator.naturalOrder());
    return picked;
  }

  private List<ZonedDateTime> firstFree(
      CalendarBackend backend,
      CalendarRef ref,
      ClinicHours hours,
      LocalDate from,
      Instant now,
      int count) {
    Instant start = from.atStartOfDay(hours.zone()).toInstant();
    Instant to = from.plusDays(SEARCH_DAYS).atStartOfDay(hours.zone()).toInstant();
    List<BusyInterval> busy = backend.busy(ref, start.isBefore(now) ? now : start, to);
    List<ZonedDateTime> out = new ArrayList<>();
    for (int d = 0; d < SEARCH_DAYS && out.size() < count; d++) {
      for (ZonedDateTime slot : freeSlots(hours, from.plusDays(d), busy, now)) {
        if (out.size() >= count) {
          break;
        }
        out.add(slot);
      }
    }
    return out;
  }

  private static List<ZonedDateTime> freeSlots(
      ClinicHours hours, LocalDate date, List<BusyInterval> busy, Instant now) {
    return hours.slots(date).stream()
        .filter(s -> s.toInstant().isAfter(now))
        .filter(
            s ->
                !BusyInterval.anyOverlaps(
                    busy, s.toInstant(), s.toInstant().plus(hours.appointmentLength())))
        .toList();
  }

  // --- events ----------------------------------------------------------------------------------

  private static CalendarEvent newEvent(
      String id, TenantConfig clinic, PatientRef patient, Instant start, Instant end) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TENANT, clinic.tenantId());
    if (patient.contact() != null) {
      tags.put(CONTACT, patient.contact());
    }
    if (patient.conversationId() != null) {
      tags.put(CONVERSATION, patient.conversationId());
    }
    String name = displayName(patient.name());
    if (name != null) {
      tags.put(NAME, name);
    }
    tags.put(SOURCE, "clinicflow");
    // The summary is what staff see in their calendar: the name the patient gave, nothing more.
    String summary = name == null ? "Appointment (WhatsApp)" : name + " (WhatsApp)";
    return new CalendarEvent(
        id,
        start,
        end,
        summary,
        "Booked by the patient through ClinicFlow.",
        CalendarEvent.CONFIRMED,
        false,
        tags);
  }

  /** One line, at most 80 characters: it is a label in a calendar. */
  static String displayName(String name) {
    if (name == null) {
      return null;
    }
    String line = name.replaceAll("\\s+", " ").strip();
    if (line.isEmpty()) {
      return null;
    }
    return line.length() > 80 ? line.substring(0, 80) : line;
  }

  static Appointment appointment(TenantConfig clinic, CalendarEvent event) {
    boolean ours = clinic.tenantId().equals(event.property(TENANT));
    return new Appointment(
        event.id(),
        event.start(),
        event.end(),
        ours ? event.property(CONTACT) : null,
        ours ? event.property(NAME) : null,
        event.summary(),
        "true".equals(event.property(CONFIRMED)));
  }

  private static AppointmentOutcome done(
      TenantConfig clinic, CalendarEvent event, boolean repeated) {
    return new AppointmentOutcome.Done(appointment(clinic, event), repeated);
  }

  private static AppointmentOutcome notFound() {
    return new AppointmentOutcome.Refused(Refusal.NOT_FOUND, List.of());
  }

  private static CalendarRef ref(TenantConfig clinic) {
    if (clinic.googleCalendarId() == null || clinic.googleCalendarId().isBlank()) {
      throw new IllegalArgumentException("this clinic has no calendar configured");
    }
    return new CalendarRef(clinic.tenantId(), clinic.googleCalendarId());
  }
}
