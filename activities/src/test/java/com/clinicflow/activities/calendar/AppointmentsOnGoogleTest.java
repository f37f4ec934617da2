package com.clinicflow.activities.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.calendar.CalendarFixtures.MovableClock;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.activities.testing.FakeGoogleCalendar;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The appointment rules over Google Calendar, against a stateful fake speaking Calendar v3's JSON:
 * a booking whose answer was lost is found again by its id (409 for our own id is success), and the
 * PostgreSQL lock serialises two bookings of one slot even while free/busy answers slowly.
 */
class AppointmentsOnGoogleTest {

  static final FakeGoogleCalendar calendar = new FakeGoogleCalendar();

  @RegisterExtension
  static WireMockExtension google =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(calendar))
          .build();

  static final String TENANT = "clinica";
  static final String CAL = CalendarFixtures.CALENDAR;
  static final String EVENTS = "/calendar/v3/calendars/" + CAL + "/events";
  static final String ANA = "5511999990001";
  static final String BRUNO = "5511999990002";
  static final LocalDate TUESDAY = LocalDate.parse("2026-03-03");

  final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T12:00:00Z"));
  final TenantConfig clinic = CalendarFixtures.clinic(TENANT);
  Appointments appointments;

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    calendar.reset();
    calendar.install(google);
    appointments = CalendarFixtures.google(google.baseUrl(), clock);
  }

  @AfterEach
  void tearDown() {
    EmbeddedDatabase.reset();
  }

  @Test
  void aBookingIsOneEventInTheClinicsCalendarTaggedWithThePatient() {
    AppointmentOutcome outcome = book(ANA, TUESDAY.atTime(10, 0), "turn-1:book");

    assertThat(outcome).isInstanceOf(AppointmentOutcome.Done.class);
    assertThat(calendar.events(CAL)).hasSize(1);
    JsonNode event = calendar.events(CAL).get(0);
    assertThat(event.at("/extendedProperties/private/cf_contact").asText()).isEqualTo(ANA);
    assertThat(event.at("/extendedProperties/private/cf_tenant").asText()).isEqualTo(TENANT);
    assertThat(event.at("/start/dateTime").asText()).isEqualTo("2026-03-03T10:00:00.000-03:00");
    assertThat(event.at("/start/timeZone").asText()).isEqualTo("America/Sao_Paulo");
  }

  @Test
  void aRetryAfterTheInsertsAnswerWasLostFindsTheEventInsteadOfMakingASecond() {
    calendar.failNextInsertsAfterStoring(1);

    ApplicationFailure lost =
        catchThrowableOfType(
            ApplicationFailure.class, () -> book(ANA, TUESDAY.atTime(10, 0), "turn-1:book"));
    AppointmentOutcome retried = book(ANA, TUESDAY.atTime(10, 0), "turn-1:book");

    assertThat(lost.getType()).isEqualTo(Errors.UPSTREAM_UNAVAILABLE.name());
    assertThat(((AppointmentOutcome.Done) retried).repeated()).isTrue();
    assertThat(calendar.events(CAL)).hasSize(1);
    google.verify(1, postRequestedFor(urlPathEqualTo(EVENTS)));
  }

  @Test
  void twoPatientsBookingOneSlotWhileFreeBusyIsSlowGetOneEvent() throws Exception {
    calendar.delayFreeBusy(300);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AppointmentOutcome>> outcomes = new ArrayList<>();
    for (String phone : List.of(ANA, BRUNO)) {
      outcomes.add(
          pool.submit(
              () -> {
                go.await();
                return book(phone, TUESDAY.atTime(10, 0), "turn-" + phone + ":book");
              }));
    }
    go.countDown();
    List<AppointmentOutcome> results = new ArrayList<>();
    for (Future<AppointmentOutcome> outcome : outcomes) {
      results.add(outcome.get());
    }
    pool.shutdown();

    assertThat(results).filteredOn(AppointmentOutcome.Done.class::isInstance).hasSize(1);
    assertThat(results)
        .filteredOn(AppointmentOutcome.Refused.class::isInstance)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(((AppointmentOutcome.Refused) r).reason()).isEqualTo(Refusal.SLOT_TAKEN);
              assertThat(((AppointmentOutcome.Refused) r).alternatives()).isNotEmpty();
            });
    assertThat(calendar.events(CAL)).hasSize(1);
    google.verify(1, postRequestedFor(urlPathEqualTo(EVENTS)));
  }

  @Test
  void anotherPatientsEventIsNeitherCancelledNorMovedAndNothingIsSentForIt() {
    String anas = id(book(ANA, TUESDAY.atTime(10, 0), "turn-1:book"));

    AppointmentOutcome cancel = appointments.cancel(clinic, AppointmentScope.patient(BRUNO), anas);
    AppointmentOutcome move =
        appointments.reschedule(
            clinic, AppointmentScope.patient(BRUNO), anas, TUESDAY.atTime(15, 0));

    assertThat(((AppointmentOutcome.Refused) cancel).reason()).isEqualTo(Refusal.NOT_FOUND);
    assertThat(((AppointmentOutcome.Refused) move).reason()).isEqualTo(Refusal.NOT_FOUND);
    google.verify(0, deleteRequestedFor(urlPathMatching(EVENTS + "/.*")));
    google.verify(0, patchRequestedFor(urlPathMatching(EVENTS + "/.*")));
    assertThat(calendar.events(CAL))
        .singleElement()
        .satisfies(
            e -> assertThat(e.at("/start/dateTime").asText()).startsWith("2026-03-03T10:00"));
  }

  @Test
  void theOwnerMovesWithAPatchAndCancelsWithADelete() {
    String id = id(book(ANA, TUESDAY.atTime(10, 0), "turn-1:book"));

    AppointmentOutcome moved =
        appointments.reschedule(clinic, AppointmentScope.patient(ANA), id, TUESDAY.atTime(15, 0));
    AppointmentOutcome cancelled = appointments.cancel(clinic, AppointmentScope.patient(ANA), id);

    assertThat(((AppointmentOutcome.Done) moved).appointment().start())
        .isEqualTo(Instant.parse("2026-03-03T18:00:00Z"));
    assertThat(((AppointmentOutcome.Done) cancelled).repeated()).isFalse();
    google.verify(1, patchRequestedFor(urlPathEqualTo(EVENTS + "/" + id)));
    google.verify(1, deleteRequestedFor(urlPathEqualTo(EVENTS + "/" + id)));
    assertThat(calendar.events(CAL)).isEmpty();
  }

  AppointmentOutcome book(String phone, LocalDateTime start, String key) {
    return appointments.book(
        clinic, new PatientRef(phone, null, "patient:clinica:" + phone), start, key);
  }

  static String id(AppointmentOutcome outcome) {
    return ((AppointmentOutcome.Done) outcome).appointment().id();
  }
}
