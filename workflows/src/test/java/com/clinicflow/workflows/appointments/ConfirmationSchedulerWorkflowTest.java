package com.clinicflow.workflows.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.FakeAppointments;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-clinic scheduler that stands in for a Temporal Schedule (time-skipping): it runs the next
 * day's confirmations at the clinic's local time, every day, re-arms on a refresh, and ends when
 * the clinic no longer wants confirmations.
 */
class ConfirmationSchedulerWorkflowTest {

  static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  final FakeActivities fakes = new FakeActivities();
  final FakeAppointments appointments = new FakeAppointments(fakes);
  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    Worker worker = env.newWorker("clinicflow");
    worker.registerWorkflowImplementationTypes(
        ConfirmationSchedulerImpl.class, DailyConfirmationImpl.class);
    worker.registerActivitiesImplementations(
        fakes.tenants, fakes.conversations, fakes.llm, fakes.whatsApp, appointments);
    fakes.tenants.clinics.add(FakeActivities.clinic("alpha", "alpha_instance", -100L));
    appointments.settings.put(
        "alpha", new ScheduleSettings("alpha", true, "America/Sao_Paulo", "18:00"));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void theEmbeddedTestServerHasNoSchedulesWhichIsWhyThisWorkflowExists() {
    ScheduleClient schedules = ScheduleClient.newInstance(env.getWorkflowServiceStubs());

    Throwable refused =
        catchThrowable(
            () ->
                schedules.createSchedule(
                    "confirmations-alpha",
                    Schedule.newBuilder()
                        .setAction(
                            ScheduleActionStartWorkflow.newBuilder()
                                .setWorkflowType(DailyConfirmation.class)
                                .setArguments(new ConfirmationRun("alpha", LocalDate.now()))
                                .setOptions(
                                    WorkflowOptions.newBuilder()
                                        .setWorkflowId("confirmation:alpha")
                                        .setTaskQueue("clinicflow")
                                        .build())
                                .build())
                        .setSpec(ScheduleSpec.newBuilder().build())
                        .build(),
                    ScheduleOptions.newBuilder().build()));

    assertThat(refused).isNotNull();
    Throwable cause = refused;
    while (cause != null && !(cause instanceof StatusRuntimeException)) {
      cause = cause.getCause();
    }
    assertThat(cause).isInstanceOf(StatusRuntimeException.class);
    assertThat(((StatusRuntimeException) cause).getStatus().getCode())
        .isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  @Test
  void itRunsTheNextDaysConfirmationsAtTheClinicsLocalTimeEveryDay() {
    ZonedDateTime firstFire = nextLocal(LocalTime.of(18, 0));
    LocalDate firstDay = firstFire.toLocalDate().plusDays(1);

    start("alpha");
    eventually(() -> state("alpha").nextRunAt() != null);

    SchedulerView waiting = state("alpha");
    assertThat(waiting.nextRunAt()).isEqualTo(firstFire.toInstant());
    assertThat(waiting.nextDate()).isEqualTo(firstDay);
    assertThat(appointments.planned).isEmpty();

    env.sleep(Duration.between(now(), firstFire.toInstant()).plusMinutes(1));
    eventually(() -> appointments.plannedDates("alpha").size() == 1);
    assertThat(appointments.plannedDates("alpha")).containsExactly(firstDay);
    assertThat(fakes.tenants.events()).contains("confirmations_run");

    env.sleep(Duration.ofDays(1));
    eventually(() -> appointments.plannedDates("alpha").size() == 2);
    assertThat(appointments.plannedDates("alpha")).containsExactly(firstDay, firstDay.plusDays(1));
    // Continued as new after each run: the day just confirmed is carried over.
    assertThat(state("alpha").lastConfirmedDate()).isEqualTo(firstDay.plusDays(1));
  }

  @Test
  void aRefreshReadsTheClinicsNewTimeAndZone() {
    start("alpha");
    eventually(() -> state("alpha").nextRunAt() != null);

    appointments.settings.put(
        "alpha", new ScheduleSettings("alpha", true, "America/Manaus", "20:30"));
    stub("alpha").refresh();

    ZonedDateTime expected = nextLocal(LocalTime.of(20, 30), ZoneId.of("America/Manaus"));
    eventually(() -> expected.toInstant().equals(state("alpha").nextRunAt()));
    assertThat(appointments.planned).isEmpty();
  }

  /**
   * Every change of a clinic's settings refreshes its scheduler; each refresh used to leave the
   * replaced wait's timer (hours long) to fire later in a task with nothing to do.
   */
  @Test
  void aRefreshCancelsTheTimerOfTheWaitItReplaces() {
    // Hours away whatever the time of day the test runs, so every timer is far from firing.
    LocalTime later = now().atZone(SAO_PAULO).toLocalTime().plusHours(3).withSecond(0).withNano(0);
    appointments.settings.put(
        "alpha", new ScheduleSettings("alpha", true, "America/Sao_Paulo", later.toString()));
    start("alpha");
    eventually(() -> timers("alpha", HistoryEvent::hasTimerStartedEventAttributes) == 1);

    for (int refresh = 1; refresh <= 3; refresh++) {
      stub("alpha").refresh();
      int expected = refresh + 1;
      eventually(() -> timers("alpha", HistoryEvent::hasTimerStartedEventAttributes) == expected);
    }

    assertThat(timers("alpha", HistoryEvent::hasTimerCanceledEventAttributes)).isEqualTo(3);
    assertThat(timers("alpha", HistoryEvent::hasTimerFiredEventAttributes)).isZero();
    assertThat(appointments.planned).isEmpty();
  }

  @Test
  void aClinicThatNoLongerWantsConfirmationsEndsItsScheduler() throws Exception {
    start("alpha");
    eventually(() -> state("alpha").nextRunAt() != null);

    appointments.settings.remove("alpha");
    stub("alpha").refresh();

    WorkflowStub.fromTyped(stub("alpha")).getResult(10, TimeUnit.SECONDS, Void.class);
    assertThat(appointments.planned).isEmpty();
  }

  @Test
  void theNextFireSkipsADayAlreadyConfirmed() {
    Instant at1730 = ZonedDateTime.of(2026, 3, 2, 17, 30, 0, 0, SAO_PAULO).toInstant();
    Instant at1830 = ZonedDateTime.of(2026, 3, 2, 18, 30, 0, 0, SAO_PAULO).toInstant();
    LocalTime six = LocalTime.of(18, 0);

    assertThat(ConfirmationSchedulerImpl.nextFire(at1730, SAO_PAULO, six, null).toLocalDate())
        .isEqualTo(LocalDate.parse("2026-03-02"));
    assertThat(ConfirmationSchedulerImpl.nextFire(at1830, SAO_PAULO, six, null).toLocalDate())
        .isEqualTo(LocalDate.parse("2026-03-03"));
    // Refreshed at 17:30 just after a manual run confirmed the 3rd: the next run is for the 4th.
    assertThat(
            ConfirmationSchedulerImpl.nextFire(
                    at1730, SAO_PAULO, six, LocalDate.parse("2026-03-03"))
                .toLocalDate())
        .isEqualTo(LocalDate.parse("2026-03-03"));
  }

  // ---- helpers ----

  void start(String tenant) {
    WorkflowClient.start(
        client.newWorkflowStub(
                ConfirmationScheduler.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue("clinicflow")
                    .setWorkflowId(ConfirmationKeys.schedulerId(tenant))
                    .build())
            ::run,
        SchedulerState.fresh(tenant));
  }

  ConfirmationScheduler stub(String tenant) {
    return client.newWorkflowStub(
        ConfirmationScheduler.class, ConfirmationKeys.schedulerId(tenant));
  }

  long timers(String tenant, Predicate<HistoryEvent> kind) {
    return client.fetchHistory(ConfirmationKeys.schedulerId(tenant)).getEvents().stream()
        .filter(kind)
        .count();
  }

  SchedulerView state(String tenant) {
    return stub(tenant).state();
  }

  Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  ZonedDateTime nextLocal(LocalTime at) {
    return nextLocal(at, SAO_PAULO);
  }

  ZonedDateTime nextLocal(LocalTime at, ZoneId zone) {
    ZonedDateTime local = now().atZone(zone);
    ZonedDateTime fire = local.toLocalDate().atTime(at).atZone(zone);
    return fire.isAfter(local) ? fire : fire.plusDays(1);
  }

  void eventually(BooleanSupplier condition) {
    for (int i = 0; i < 100; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not reached");
  }
}
