package com.clinicflow.activities.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.calendar.CalendarFixtures.MovableClock;
import com.clinicflow.activities.staff.StaffAgenda;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The staff assistant's agenda on the clinic's (sandbox) calendar. */
class CalendarStaffAgendaTest {

  static final String TENANT = "clinica";
  static final LocalDate TUESDAY = LocalDate.parse("2026-03-03");

  TenantConfig clinic = CalendarFixtures.clinic(TENANT);
  StaffAgenda agenda;

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    CalendarFixtures.insertClinic(TENANT);
    agenda =
        new CalendarStaffAgenda(
            CalendarFixtures.sandbox(new MovableClock(Instant.parse("2026-03-02T12:00:00Z"))));
  }

  @AfterEach
  void tearDown() {
    EmbeddedDatabase.reset();
  }

  @Test
  void staffBookForANamedPatientOnceAndSeeItInTheDaysAgenda() {
    LocalDateTime ten = TUESDAY.atTime(10, 0);
    StaffAgenda.Appointment booked =
        agenda.book(clinic, "5511999990001", "Ana", ten, 30, "staff-turn:book");
    StaffAgenda.Appointment again =
        agenda.book(clinic, "5511999990001", "Ana", ten, 30, "staff-turn:book");

    assertThat(again.id()).isEqualTo(booked.id());
    assertThat(agenda.day(clinic, TUESDAY))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.phone()).isEqualTo("5511999990001");
              assertThat(a.start()).isEqualTo(ten);
            });
  }

  @Test
  void aTakenSlotOrAnotherPatientsAppointmentIsRefusedForTheModel() {
    LocalDateTime ten = TUESDAY.atTime(10, 0);
    StaffAgenda.Appointment ana = agenda.book(clinic, "5511999990001", "Ana", ten, 30, "k1");

    assertThatThrownBy(() -> agenda.book(clinic, "5511999990002", "Bruno", ten, 30, "k2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("slot_taken");
    assertThatThrownBy(() -> agenda.cancel(clinic, "5511999990002", ana.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not_found");
    assertThat(agenda.day(clinic, TUESDAY)).hasSize(1);
  }
}
