package com.clinicflow.activities.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.calendar.CalendarFixtures.MovableClock;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.appointments.Appointment;
import com.clinicflow.workflows.appointments.ConfirmationKeys;
import com.clinicflow.workflows.appointments.ConfirmationPlan;
import com.clinicflow.workflows.appointments.ConfirmationRun;
import com.clinicflow.workflows.appointments.ScheduleRequest;
import com.clinicflow.workflows.appointments.ScheduleSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the confirmation workflows read: the day's plan and each clinic's schedule. */
class AppointmentActivitiesImplTest {

  static final LocalDate TUESDAY = LocalDate.parse("2026-03-03");

  Appointments appointments;
  AppointmentActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    CalendarFixtures.insertClinic("clinica");
    appointments =
        CalendarFixtures.sandbox(new MovableClock(Instant.parse("2026-03-02T12:00:00Z")));
    activities =
        new AppointmentActivitiesImpl(
            new TenantRepository(EmbeddedDatabase.jdbc()),
            appointments,
            EmbeddedDatabase.jdbc(),
            LocalTime.of(18, 0));
  }

  @AfterEach
  void tearDown() {
    EmbeddedDatabase.reset();
  }

  @Test
  void thePlanHoldsTheDaysAppointmentsAndWhichWereConfirmedAlready() {
    String ana = book("5511999990001", 10);
    String bruno = book("5511999990002", 11);
    book("5511999990003", 12);
    EmbeddedDatabase.jdbc()
        .sql(
            """
            INSERT INTO outbound_message (idempotency_key, tenant_id, channel, recipient, status)
            VALUES (:sent, 'clinica', 'WHATSAPP', '5511999990001', 'SENT'),
                   (:pending, 'clinica', 'WHATSAPP', '5511999990002', 'PENDING')
            """)
        .param("sent", ConfirmationKeys.sendKey("clinica", ana, TUESDAY))
        .param("pending", ConfirmationKeys.sendKey("clinica", bruno, TUESDAY))
        .update();

    ConfirmationPlan plan = activities.planConfirmations(new ConfirmationRun("clinica", TUESDAY));

    assertThat(plan.clinic().tenantId()).isEqualTo("clinica");
    assertThat(plan.appointments())
        .extracting(Appointment::contact)
        .containsExactly("5511999990001", "5511999990002", "5511999990003");
    assertThat(plan.alreadySentIds()).containsExactly(ana);
    assertThat(
            activities
                .planConfirmations(new ConfirmationRun("clinica", TUESDAY.plusDays(1)))
                .appointments())
        .isEmpty();
    assertThat(activities.planConfirmations(new ConfirmationRun("nobody", TUESDAY)).clinic())
        .isNull();
  }

  @Test
  void aClinicWantsConfirmationsOnlyWhileActiveWithACalendarAtItsOwnTimeOrTheDefault() {
    assertThat(activities.scheduleSettings(new ScheduleRequest("clinica")))
        .isEqualTo(new ScheduleSettings("clinica", true, "America/Sao_Paulo", "18:00"));

    EmbeddedDatabase.jdbc()
        .sql(
            "UPDATE tenant_config SET clinic_info = '{\"confirmation_time\": \"19:30\"}'::jsonb,"
                + " timezone = 'America/Manaus' WHERE tenant_id = 'clinica'")
        .update();
    assertThat(activities.scheduleSettings(new ScheduleRequest("clinica")))
        .isEqualTo(new ScheduleSettings("clinica", true, "America/Manaus", "19:30"));

    EmbeddedDatabase.jdbc()
        .sql("UPDATE tenant_config SET is_active = false WHERE tenant_id = 'clinica'")
        .update();
    assertThat(activities.scheduleSettings(new ScheduleRequest("clinica")).wanted()).isFalse();
    EmbeddedDatabase.insertTenant("semagenda", "semagenda_instance", null);
    assertThat(activities.scheduleSettings(new ScheduleRequest("semagenda")).wanted()).isFalse();
    assertThat(activities.scheduleSettings(new ScheduleRequest("nobody")).wanted()).isFalse();
  }

  private String book(String phone, int hour) {
    AppointmentOutcome outcome =
        appointments.book(
            CalendarFixtures.clinic("clinica"),
            new PatientRef(phone, null, "patient:clinica:" + phone),
            TUESDAY.atTime(hour, 0),
            "turn-" + phone);
    return ((AppointmentOutcome.Done) outcome).appointment().id();
  }
}
