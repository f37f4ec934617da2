package com.clinicflow.workflows.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.FakeAppointments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One clinic's confirmations for one day, against fakes: one message per appointment written with
 * the clinic's confirmation prompt, recorded in the patient's conversation, sent once across
 * reruns, and the outcome in the activity log.
 */
class DailyConfirmationWorkflowTest {

  static final LocalDate TUESDAY = LocalDate.parse("2026-03-03");

  final FakeActivities fakes = new FakeActivities();
  final FakeAppointments appointments = new FakeAppointments(fakes);
  final FailingNumbers whatsApp = new FailingNumbers(fakes.whatsApp);
  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    Worker worker = env.newWorker("clinicflow");
    worker.registerWorkflowImplementationTypes(DailyConfirmationImpl.class);
    worker.registerActivitiesImplementations(
        fakes.tenants, fakes.conversations, fakes.llm, whatsApp, appointments);
    fakes.tenants.clinics.add(FakeActivities.clinic("alpha", "alpha_instance", -100L));
    fakes.llm.answer =
        r -> FakeActivities.Llm.reply("Lembrete da sua consulta " + fakes.llm.requests.size());
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void threeAppointmentsGetThreeMessagesAndASecondRunSendsNone() {
    appointments.put(
        "alpha",
        TUESDAY,
        List.of(
            appointment("ev1", "5511900000001", 10),
            appointment("ev2", "5511900000002", 11),
            appointment("ev3", "5511900000003", 14)));

    ConfirmationOutcome first = run("alpha", TUESDAY);
    ConfirmationOutcome second = run("alpha", TUESDAY);

    assertThat(first.sent()).isEqualTo(3);
    assertThat(first.appointments()).isEqualTo(3);
    assertThat(second.sent()).isZero();
    assertThat(second.skipped()).isEqualTo(3);
    assertThat(fakes.whatsApp.sent)
        .extracting(OutboundMessage::recipient)
        .containsExactly("5511900000001", "5511900000002", "5511900000003");
    assertThat(fakes.whatsApp.sent)
        .extracting(OutboundMessage::idempotencyKey)
        .containsExactly(
            "confirmation:alpha:ev1:2026-03-03",
            "confirmation:alpha:ev2:2026-03-03",
            "confirmation:alpha:ev3:2026-03-03");
    assertThat(fakes.whatsApp.sent).allMatch(m -> m.instanceName().equals("alpha_instance"));
    assertThat(fakes.llm.requests).hasSize(3); // the rerun asked the LLM nothing
  }

  @Test
  void eachMessageIsWrittenWithTheClinicsConfirmationPromptAndTheLocalTime() {
    appointments.put("alpha", TUESDAY, List.of(appointment("ev1", "5511900000001", 10)));

    run("alpha", TUESDAY);

    LlmRequest request = fakes.llm.requests.get(0);
    assertThat(request.systemInstruction())
        .startsWith("Remind the patient.")
        .contains("Date: 2026-03-03 (Tuesday)")
        .contains("Time: 10:00 (America/Sao_Paulo)")
        .contains("Patient: Ana")
        .contains("Write in pt-BR");
    assertThat(request.tools()).isEmpty();
    assertThat(request.toolScope()).isNull();
    assertThat(request.tenantId()).isEqualTo("alpha");
  }

  @Test
  void theMessageIsRecordedInThePatientsConversationAsTheAssistantsWords() {
    appointments.put("alpha", TUESDAY, List.of(appointment("ev1", "5511900000001", 10)));

    run("alpha", TUESDAY);

    TurnRecord turn = fakes.conversations.turns.get(0);
    assertThat(turn.tenantId()).isEqualTo("alpha");
    assertThat(turn.contact()).isEqualTo("5511900000001");
    assertThat(turn.workflowId()).isEqualTo("patient:alpha:5511900000001");
    assertThat(turn.turnKey()).isEqualTo("confirmation:alpha:ev1:2026-03-03");
    assertThat(turn.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.role()).isEqualTo(ChatRole.MODEL);
              assertThat(m.joinedText()).isEqualTo(fakes.whatsApp.sent.get(0).text());
            });
  }

  @Test
  void staffEventsAreSkippedAFailedSendDoesNotStopTheOthersAndTheOutcomeIsLogged() {
    whatsApp.unknownNumbers.add("5511900000009");
    appointments.put(
        "alpha",
        TUESDAY,
        List.of(
            appointment("ev1", null, 9),
            appointment("ev2", "5511900000009", 10),
            appointment("ev3", "lid:103899771998284", 11)));

    ConfirmationOutcome outcome = run("alpha", TUESDAY);

    assertThat(outcome).isEqualTo(new ConfirmationOutcome("alpha", TUESDAY, 3, 1, 1, 1, null));
    assertThat(fakes.whatsApp.sent)
        .extracting(OutboundMessage::recipient)
        .containsExactly("103899771998284@lid");
    ActivityLogEntry logged =
        fakes.tenants.log.stream()
            .filter(e -> e.eventType().equals("confirmations_run"))
            .findFirst()
            .orElseThrow();
    assertThat(logged.tenantId()).isEqualTo("alpha");
    assertThat(logged.workflowId()).isEqualTo("confirmation:alpha:2026-03-03");
    assertThat(logged.details())
        .containsEntry("date", "2026-03-03")
        .containsEntry("sent", 1)
        .containsEntry("skipped", 1)
        .containsEntry("failed", 1);
  }

  @Test
  void anInactiveClinicOrOneThatIsGoneSendsNothing() {
    TenantConfig alpha = fakes.tenants.clinics.remove(0);
    fakes.tenants.clinics.add(inactive(alpha));
    appointments.put("alpha", TUESDAY, List.of(appointment("ev1", "5511900000001", 10)));

    ConfirmationOutcome inactive = run("alpha", TUESDAY);
    ConfirmationOutcome gone = run("nobody", TUESDAY);

    assertThat(inactive.note()).isEqualTo("inactive");
    assertThat(gone.note()).isEqualTo("unknown_tenant");
    assertThat(fakes.whatsApp.sent).isEmpty();
    assertThat(fakes.llm.requests).isEmpty();
  }

  ConfirmationOutcome run(String tenant, LocalDate date) {
    DailyConfirmation workflow =
        client.newWorkflowStub(
            DailyConfirmation.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue("clinicflow")
                .setWorkflowId(ConfirmationKeys.runId(tenant, date))
                .build());
    return workflow.run(new ConfirmationRun(tenant, date));
  }

  static Appointment appointment(String id, String contact, int hour) {
    // 03:00 UTC offset: {hour}:00 in São Paulo.
    Instant start = Instant.parse("2026-03-03T00:00:00Z").plusSeconds((hour + 3) * 3600L);
    return new Appointment(
        id, start, start.plusSeconds(1800), contact, "Ana", "Ana (WhatsApp)", false);
  }

  static TenantConfig inactive(TenantConfig c) {
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
        c.businessHours(),
        c.clinicInfo(),
        c.timezone(),
        c.language(),
        false,
        c.monthlyMessageLimit(),
        c.currentMessageCount(),
        c.quotaPeriodStart(),
        c.fallbackMessage(),
        c.quotaExceededMessage(),
        null,
        c.createdAt(),
        c.updatedAt());
  }

  /** The WhatsApp fake, with numbers the gateway says do not exist (a permanent failure). */
  static final class FailingNumbers implements WhatsAppActivities {
    final List<String> unknownNumbers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final FakeActivities.WhatsApp delegate;

    FailingNumbers(FakeActivities.WhatsApp delegate) {
      this.delegate = delegate;
    }

    @Override
    public SendReceipt sendText(OutboundMessage message) {
      if (unknownNumbers.contains(message.recipient())) {
        throw Errors.NOT_FOUND.failure("Evolution answered 400 exists:false");
      }
      return delegate.sendText(message);
    }
  }
}
