package com.clinicflow.activities.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.calendar.CalendarFixtures.MovableClock;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.appointments.Appointment;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfig.OpeningHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The appointment rules over the PostgreSQL sandbox calendar (the same code runs over Google):
 * scoping by the conversation's patient, idempotent booking, business hours in the clinic's zone,
 * alternatives, and one slot given once under concurrent bookings.
 */
class AppointmentsTest {

  static final String TENANT = "clinica";
  static final String ANA = "5511999990001";
  static final String BRUNO = "5511999990002";
  // Monday 2 March 2026, 09:00 in São Paulo.
  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  static final LocalDate TUESDAY = LocalDate.parse("2026-03-03");

  MovableClock clock = new MovableClock(NOW);
  Appointments appointments;
  TenantConfig clinic = CalendarFixtures.clinic(TENANT);

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    CalendarFixtures.insertClinic(TENANT);
    appointments = CalendarFixtures.sandbox(clock);
  }

  @AfterEach
  void tearDown() {
    EmbeddedDatabase.reset();
  }

  @Test
  void aBookingIsOneEventTaggedWithTheConversationsPatientInTheClinicsZone() {
    AppointmentOutcome outcome = book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book");

    assertThat(outcome).isInstanceOf(AppointmentOutcome.Done.class);
    Appointment booked = ((AppointmentOutcome.Done) outcome).appointment();
    assertThat(booked.start()).isEqualTo(Instant.parse("2026-03-03T13:00:00Z"));
    assertThat(booked.end()).isEqualTo(Instant.parse("2026-03-03T13:30:00Z"));
    assertThat(booked.contact()).isEqualTo(ANA);
    assertThat(rows()).hasSize(1);
    Map<String, Object> row = rows().get(0);
    assertThat(row.get("private_properties").toString())
        .contains("\"cf_tenant\": \"clinica\"")
        .contains("\"cf_contact\": \"" + ANA + "\"")
        .contains("\"cf_conv\": \"patient:clinica:" + ANA + "\"");
    assertThat(row.get("summary")).isEqualTo("Ana (WhatsApp)");
    assertThat(row.get("time_zone")).isEqualTo("America/Sao_Paulo");
  }

  @Test
  void theSameKeyBooksOnceHoweverOftenItIsRetried() {
    AppointmentOutcome first = book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book");
    AppointmentOutcome second = book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book");

    assertThat(((AppointmentOutcome.Done) first).repeated()).isFalse();
    assertThat(((AppointmentOutcome.Done) second).repeated()).isTrue();
    assertThat(((AppointmentOutcome.Done) second).appointment().id())
        .isEqualTo(((AppointmentOutcome.Done) first).appointment().id());
    assertThat(rows()).hasSize(1);
  }

  @Test
  void aTakenSlotIsRefusedWithFreeTimesNearbyOnTheSameDayFirst() {
    book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book");

    AppointmentOutcome outcome = book(BRUNO, "Bruno", at(TUESDAY, 10, 0), "turn-2:book");

    assertThat(outcome).isInstanceOf(AppointmentOutcome.Refused.class);
    AppointmentOutcome.Refused refused = (AppointmentOutcome.Refused) outcome;
    assertThat(refused.reason()).isEqualTo(Refusal.SLOT_TAKEN);
    assertThat(refused.alternatives())
        .extracting(ZonedDateTime::toLocalDateTime)
        .contains(at(TUESDAY, 9, 30), at(TUESDAY, 10, 30))
        .doesNotContain(at(TUESDAY, 10, 0));
    assertThat(refused.alternatives().subList(0, 3)).allMatch(s -> s.toLocalDate().equals(TUESDAY));
    assertThat(rows()).hasSize(1);
  }

  @Test
  void aTimeInThePastOrOutsideOpeningHoursOrOnAClosedDayIsRefusedWithAlternatives() {
    TenantConfig weekdaysOnly =
        withHours(
            Map.of(
                "mon",
                new OpeningHours("08:00", "18:00"),
                "tue",
                new OpeningHours("08:00", "18:00")));

    AppointmentOutcome past = book(ANA, null, at(LocalDate.parse("2026-03-02"), 8, 30), "k1");
    AppointmentOutcome late = book(ANA, null, at(TUESDAY, 17, 45), "k2");
    AppointmentOutcome early = book(ANA, null, at(TUESDAY, 7, 30), "k3");
    AppointmentOutcome sunday =
        appointments.book(
            weekdaysOnly,
            new PatientRef(ANA, null, "patient:clinica:" + ANA),
            at(LocalDate.parse("2026-03-08"), 10, 0),
            "k4");

    assertThat(((AppointmentOutcome.Refused) past).reason()).isEqualTo(Refusal.PAST_TIME);
    assertThat(((AppointmentOutcome.Refused) past).alternatives()).isNotEmpty();
    assertThat(((AppointmentOutcome.Refused) past).alternatives())
        .allMatch(s -> s.toInstant().isAfter(NOW));
    assertThat(((AppointmentOutcome.Refused) late).reason()).isEqualTo(Refusal.OUTSIDE_HOURS);
    assertThat(((AppointmentOutcome.Refused) early).reason()).isEqualTo(Refusal.OUTSIDE_HOURS);
    assertThat(((AppointmentOutcome.Refused) sunday).reason()).isEqualTo(Refusal.CLOSED_DAY);
    assertThat(((AppointmentOutcome.Refused) sunday).alternatives())
        .extracting(s -> s.getDayOfWeek().name())
        .isNotEmpty()
        .isSubsetOf("MONDAY", "TUESDAY");
    assertThat(rows()).isEmpty();
  }

  @Test
  void concurrentBookingsOfOneSlotGiveItToExactlyOnePatient() throws Exception {
    int patients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(patients);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AppointmentOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < patients; i++) {
      String phone = "55119999900" + (10 + i);
      outcomes.add(
          pool.submit(
              () -> {
                go.await();
                return book(phone, null, at(TUESDAY, 11, 0), "turn-" + phone + ":book");
              }));
    }
    go.countDown();
    int booked = 0;
    int taken = 0;
    for (Future<AppointmentOutcome> outcome : outcomes) {
      AppointmentOutcome result = outcome.get();
      if (result instanceof AppointmentOutcome.Done) {
        booked++;
      } else if (((AppointmentOutcome.Refused) result).reason() == Refusal.SLOT_TAKEN) {
        taken++;
      }
    }
    pool.shutdown();

    assertThat(booked).isEqualTo(1);
    assertThat(taken).isEqualTo(patients - 1);
    assertThat(rows()).hasSize(1);
  }

  @Test
  void aPatientCannotCancelAnotherPatientsAppointmentWhateverIdTheModelSends() {
    String anasId = id(book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book"));

    AppointmentOutcome outcome =
        appointments.cancel(clinic, AppointmentScope.patient(BRUNO), anasId);

    assertThat(((AppointmentOutcome.Refused) outcome).reason()).isEqualTo(Refusal.NOT_FOUND);
    assertThat(rows()).extracting(r -> r.get("status")).containsExactly("confirmed");
    assertThat(
            ((AppointmentOutcome.Refused)
                    appointments.cancel(clinic, AppointmentScope.patient(BRUNO), "../../x"))
                .reason())
        .isEqualTo(Refusal.NOT_FOUND);
  }

  @Test
  void aPatientCancelsTheirOwnAppointmentOnceAndARepeatIsHarmless() {
    String id = id(book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book"));

    AppointmentOutcome first = appointments.cancel(clinic, AppointmentScope.patient(ANA), id);
    AppointmentOutcome again = appointments.cancel(clinic, AppointmentScope.patient(ANA), id);

    assertThat(((AppointmentOutcome.Done) first).repeated()).isFalse();
    assertThat(((AppointmentOutcome.Done) again).repeated()).isTrue();
    assertThat(rows()).extracting(r -> r.get("status")).containsExactly("cancelled");
    assertThat(appointments.upcoming(clinic, AppointmentScope.patient(ANA))).isEmpty();
  }

  @Test
  void bookingTheSameSlotAgainAfterCancellingItInOneRequestUsesAFreshId() {
    String first = id(book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book"));
    appointments.cancel(clinic, AppointmentScope.patient(ANA), first);

    String second = id(book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book"));

    assertThat(second).isNotEqualTo(first);
    assertThat(appointments.upcoming(clinic, AppointmentScope.patient(ANA)))
        .extracting(Appointment::id)
        .containsExactly(second);
  }

  @Test
  void reschedulingMovesTheOwnAppointmentEvenNextToItselfButNotOntoSomeoneElse() {
    String anas = id(book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book"));
    book(BRUNO, "Bruno", at(TUESDAY, 11, 0), "turn-2:book");

    AppointmentOutcome moved =
        appointments.reschedule(clinic, AppointmentScope.patient(ANA), anas, at(TUESDAY, 10, 15));
    AppointmentOutcome ontoBruno =
        appointments.reschedule(clinic, AppointmentScope.patient(ANA), anas, at(TUESDAY, 11, 0));
    AppointmentOutcome byBruno =
        appointments.reschedule(clinic, AppointmentScope.patient(BRUNO), anas, at(TUESDAY, 15, 0));

    assertThat(((AppointmentOutcome.Done) moved).appointment().start())
        .isEqualTo(Instant.parse("2026-03-03T13:15:00Z"));
    assertThat(((AppointmentOutcome.Refused) ontoBruno).reason()).isEqualTo(Refusal.SLOT_TAKEN);
    assertThat(((AppointmentOutcome.Refused) byBruno).reason()).isEqualTo(Refusal.NOT_FOUND);
    assertThat(appointments.upcoming(clinic, AppointmentScope.patient(ANA)))
        .extracting(Appointment::start)
        .containsExactly(Instant.parse("2026-03-03T13:15:00Z"));
  }

  @Test
  void aPatientListsOnlyTheirOwnUpcomingAppointmentsAtThisClinic() {
    book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book");
    book(BRUNO, "Bruno", at(TUESDAY, 11, 0), "turn-2:book");
    book(ANA, "Ana", at(TUESDAY.plusDays(1), 9, 0), "turn-3:book");

    assertThat(appointments.upcoming(clinic, AppointmentScope.patient(ANA)))
        .extracting(Appointment::start)
        .containsExactly(
            Instant.parse("2026-03-03T13:00:00Z"), Instant.parse("2026-03-04T12:00:00Z"));
  }

  @Test
  void confirmingMarksTheAppointmentForStaffAndTheDayAgendaShowsIt() {
    String id = id(book(ANA, "Ana", at(TUESDAY, 10, 0), "turn-1:book"));

    appointments.confirm(clinic, AppointmentScope.patient(ANA), id);

    assertThat(appointments.day(clinic, TUESDAY))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.confirmed()).isTrue();
              assertThat(a.contact()).isEqualTo(ANA);
              assertThat(a.patientName()).isEqualTo("Ana");
            });
  }

  @Test
  void availabilityListsFreeSlotsAfterNowAndTheNextFreeOnesForAFullOrClosedDay() {
    book(BRUNO, "Bruno", at(LocalDate.parse("2026-03-02"), 10, 0), "turn-2:book");
    TenantConfig weekdaysOnly = withHours(Map.of("mon", new OpeningHours("08:00", "12:00")));

    Availability today = appointments.availability(clinic, LocalDate.parse("2026-03-02"));
    Availability sunday = appointments.availability(weekdaysOnly, LocalDate.parse("2026-03-08"));

    assertThat(today.free())
        .extracting(s -> s.toLocalTime().toString())
        .startsWith("09:30", "10:30", "11:00")
        .doesNotContain("09:00", "10:00");
    assertThat(sunday.open()).isFalse();
    assertThat(sunday.free()).isEmpty();
    assertThat(sunday.nextFree())
        .first()
        .satisfies(
            s ->
                assertThat(s.toLocalDateTime()).isEqualTo(at(LocalDate.parse("2026-03-09"), 8, 0)));
  }

  // ---- helpers ----

  AppointmentOutcome book(String phone, String name, LocalDateTime start, String key) {
    return appointments.book(
        clinic, new PatientRef(phone, name, "patient:clinica:" + phone), start, key);
  }

  static String id(AppointmentOutcome outcome) {
    return ((AppointmentOutcome.Done) outcome).appointment().id();
  }

  static LocalDateTime at(LocalDate date, int hour, int minute) {
    return date.atTime(hour, minute);
  }

  TenantConfig withHours(Map<String, OpeningHours> hours) {
    TenantConfig c = clinic;
    return new TenantConfig(
        c.tenantId(),
        c.clinicName(),
        c.evolutionInstanceName(),
        c.googleCalendarId(),
        c.googleTasksListId(),
        c.mcpCalendarEndpoint(),
        c.telegramInternalChatId(),
        c.systemPromptPatient(),
        c.systemPromptInternal(),
        c.systemPromptConfirmation(),
        hours,
        c.clinicInfo(),
        c.timezone(),
        c.language(),
        c.isActive(),
        c.monthlyMessageLimit(),
        c.currentMessageCount(),
        c.quotaPeriodStart(),
        c.fallbackMessage(),
        c.quotaExceededMessage(),
        null,
        c.createdAt(),
        c.updatedAt());
  }

  static List<Map<String, Object>> rows() {
    return EmbeddedDatabase.jdbc()
        .sql("SELECT * FROM sandbox_calendar_event ORDER BY created_at")
        .query()
        .listOfRows();
  }
}
