package com.clinicflow.activities.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.calendar.CalendarFixtures.MovableClock;
import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ContactIdentityRepository;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.activities.tools.ToolActivitiesImpl;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The patient tools as the tool activity serves them: who is offered them, and what they answer.
 */
class PatientAppointmentToolsTest {

  static final String ANA = "5511999990001";
  static final String OTHER = "5511999990002";

  ToolActivitiesImpl tools;

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    CalendarFixtures.insertClinic("clinica");
    EmbeddedDatabase.insertTenant("semagenda", "semagenda_instance", null);
    Appointments appointments =
        CalendarFixtures.sandbox(new MovableClock(Instant.parse("2026-03-02T12:00:00Z")));
    CachedTenants tenants =
        new CachedTenants(
            new TenantRepository(EmbeddedDatabase.jdbc()), null, Duration.ofSeconds(1), null);
    tools =
        new ToolActivitiesImpl(
            List.of(
                new CheckAvailabilityTool(appointments, tenants),
                new BookAppointmentTool(appointments, tenants),
                new ListMyAppointmentsTool(appointments, tenants),
                new CancelMyAppointmentTool(appointments, tenants),
                new RescheduleMyAppointmentTool(appointments, tenants),
                new ConfirmMyAppointmentTool(appointments, tenants)));
  }

  @AfterEach
  void tearDown() {
    EmbeddedDatabase.reset();
  }

  @Test
  void patientsOfAClinicWithACalendarAreOfferedTheSixToolsAndNobodyElseIs() {
    assertThat(tools.catalog(new ToolScope("clinica", ToolScope.Audience.PATIENT)).tools())
        .extracting(ToolSpec::name)
        .containsExactlyInAnyOrder(
            "check_availability",
            "book_appointment",
            "list_my_appointments",
            "cancel_my_appointment",
            "reschedule_my_appointment",
            "confirm_my_appointment");
    assertThat(tools.catalog(new ToolScope("clinica", ToolScope.Audience.STAFF)).tools()).isEmpty();
    assertThat(tools.catalog(new ToolScope("semagenda", ToolScope.Audience.PATIENT)).tools())
        .isEmpty();
  }

  @Test
  void theSchemasDeclareTheirRequiredArguments() {
    ToolSpec book =
        tools.catalog(new ToolScope("clinica", ToolScope.Audience.PATIENT)).tools().stream()
            .filter(t -> t.name().equals("book_appointment"))
            .findFirst()
            .orElseThrow();

    assertThat(book.parameters()).containsEntry("type", "object");
    assertThat(book.parameters().get("required")).isEqualTo(List.of("date", "time"));
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) book.parameters().get("properties");
    assertThat(properties).containsOnlyKeys("date", "time", "patient_name");
  }

  @Test
  void aContactInTheArgumentsIsIgnoredTheConversationsPatientIsTagged() {
    ToolResult result =
        invoke(
            ANA,
            "book_appointment",
            Map.of("date", "2026-03-03", "time", "10:00", "contact", "5511000000000"));

    assertThat(result.response()).containsEntry("booked", true);
    assertThat(
            EmbeddedDatabase.jdbc()
                .sql("SELECT private_properties ->> 'cf_contact' FROM sandbox_calendar_event")
                .query(String.class)
                .single())
        .isEqualTo(ANA);
  }

  @Test
  void wrongArgumentsComeBackToTheModelAsAnError() {
    ToolResult result = invoke(ANA, "book_appointment", Map.of("date", "amanhã", "time", "10h"));

    assertThat(result.response()).containsOnlyKeys("error");
    assertThat(result.response().get("error").toString()).contains("YYYY-MM-DD");
  }

  @Test
  void availabilityNamesTheDayAndItsFreeTimesInTheClinicsZone() {
    ToolResult result = invoke(ANA, "check_availability", Map.of("date", "2026-03-03"));

    assertThat(result.response())
        .containsEntry("weekday", "tuesday")
        .containsEntry("timezone", "America/Sao_Paulo")
        .containsEntry("open", true)
        .containsEntry("opening_hours", "08:00-18:00");
    @SuppressWarnings("unchecked")
    List<String> free = (List<String>) result.response().get("free_times");
    assertThat(free).hasSize(20).startsWith("08:00");
  }

  @Test
  void aBookedAppointmentIsListedWithItsIdAndCanBeCancelledWithIt() {
    invoke(ANA, "book_appointment", Map.of("date", "2026-03-03", "time", "10:00"));
    ToolResult listed = invoke(ANA, "list_my_appointments", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> first =
        ((List<Map<String, Object>>) listed.response().get("appointments")).get(0);

    ToolResult cancelled =
        invoke(ANA, "cancel_my_appointment", Map.of("appointment_id", first.get("appointment_id")));

    assertThat(first).containsEntry("date", "2026-03-03").containsEntry("time", "10:00");
    assertThat(cancelled.response()).containsEntry("cancelled", true);
    assertThat(invoke(ANA, "list_my_appointments", Map.of()).response()).containsEntry("count", 0);
  }

  /**
   * A patient first seen by LID alone books in the {@code lid:…} conversation; once a message
   * carries both, the clinic knows the phone and the patient writes in the phone's conversation,
   * which must still find, move and cancel that appointment. Nobody else's conversation does.
   */
  @Test
  void anAppointmentBookedUnderALidIsThePatientsOnceTheirPhoneIsKnown() {
    String lidContact = "lid:245000111222333";
    invoke(lidContact, "book_appointment", Map.of("date", "2026-03-03", "time", "10:00"));
    String id = onlyAppointmentId(invoke(lidContact, "list_my_appointments", Map.of()));
    assertThat(invoke(ANA, "list_my_appointments", Map.of()).response()).containsEntry("count", 0);

    new ContactIdentityRepository(EmbeddedDatabase.jdbc()).learn("clinica", "245000111222333", ANA);

    assertThat(onlyAppointmentId(invoke(ANA, "list_my_appointments", Map.of()))).isEqualTo(id);
    assertThat(invoke(OTHER, "list_my_appointments", Map.of()).response())
        .containsEntry("count", 0);
    assertThat(
            invoke(OTHER, "cancel_my_appointment", Map.of("appointment_id", id))
                .response()
                .get("cancelled"))
        .isEqualTo(false);
    assertThat(
            invoke(
                    ANA,
                    "reschedule_my_appointment",
                    Map.of("appointment_id", id, "date", "2026-03-03", "time", "11:00"))
                .response())
        .containsEntry("rescheduled", true);
    // The LID's own conversation still reaches it too.
    assertThat(invoke(lidContact, "cancel_my_appointment", Map.of("appointment_id", id)).response())
        .containsEntry("cancelled", true);
  }

  @SuppressWarnings("unchecked")
  private static String onlyAppointmentId(ToolResult listed) {
    assertThat(listed.response()).containsEntry("count", 1);
    return (String)
        ((List<Map<String, Object>>) listed.response().get("appointments"))
            .get(0)
            .get("appointment_id");
  }

  private ToolResult invoke(String contact, String tool, Map<String, Object> args) {
    return tools.invoke(
        new ToolInvocation(
            "clinica",
            contact,
            "patient:clinica:" + contact,
            "turn-" + tool + "-" + args.hashCode(),
            new ToolCall("call-1", tool, args),
            ToolScope.Audience.PATIENT));
  }
}
