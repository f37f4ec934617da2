package com.clinicflow.activities.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationSummary;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.tasks.TasksConfiguration;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.activities.tools.ToolActivitiesImpl;
import com.clinicflow.activities.tools.ToolHandler;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.ConversationView;
import com.clinicflow.workflows.patient.InboundMessage;
import com.clinicflow.workflows.patient.OperatorRetry;
import com.clinicflow.workflows.patient.OperatorSkip;
import com.clinicflow.workflows.patient.PatientHandler;
import com.clinicflow.workflows.patient.StaffOutbound;
import com.clinicflow.workflows.patient.UnansweredMessage;
import com.clinicflow.workflows.staff.InternalAssistant;
import com.clinicflow.workflows.staff.StaffAlert;
import com.clinicflow.workflows.staff.StaffStart;
import com.clinicflow.workflows.staff.StaffUpdate;
import com.clinicflow.workflows.staff.StaffView;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The staff tools against embedded PostgreSQL and a Temporal test server whose patient and staff
 * workflows only record what they were told.
 */
class StaffToolsTest {

  static final List<Object> patientSignals = new CopyOnWriteArrayList<>();
  static final List<UnansweredMessage> heldUnanswered = new CopyOnWriteArrayList<>();
  static volatile Instant nextAutomaticRetryAt;
  static final List<StaffAlert> staffAlerts = new CopyOnWriteArrayList<>();

  /** A conversation that records its signals. */
  public static class RecordingPatient implements PatientHandler {
    @Override
    public void run(ConversationStart start) {
      patientSignals.add(start);
      Workflow.await(() -> false);
    }

    @Override
    public void onMessage(InboundMessage message) {}

    @Override
    public void staffMessage(StaffOutbound message) {
      patientSignals.add(message);
    }

    @Override
    public void pause(BotPause pause) {
      patientSignals.add(pause);
    }

    @Override
    public void retry(OperatorRetry retry) {
      patientSignals.add(retry);
    }

    @Override
    public void skip(OperatorSkip skip) {
      patientSignals.add(skip);
    }

    /** Waiting, and trying again by itself at {@link #nextAutomaticRetryAt} when it is set. */
    @Override
    public ConversationView state() {
      return new ConversationView(
          null, null, ConversationStatus.NEEDS_ATTENTION, null, 0, 0, null, nextAutomaticRetryAt);
    }

    /** What {@link #heldUnanswered} holds: the tests' stand-in for a waiting turn's messages. */
    @Override
    public List<UnansweredMessage> unanswered() {
      return List.copyOf(heldUnanswered);
    }
  }

  /** A staff chat that records its alerts. */
  public static class RecordingStaff implements InternalAssistant {
    @Override
    public void run(StaffStart start) {
      Workflow.await(() -> false);
    }

    @Override
    public void onUpdate(StaffUpdate update) {}

    @Override
    public void onAlert(StaffAlert alert) {
      staffAlerts.add(alert);
    }

    @Override
    public StaffView state() {
      return null;
    }
  }

  TestWorkflowEnvironment env;
  ToolActivitiesImpl tools;
  StaffAlertRaiser raiser;
  CachedTenants tenants;

  ConversationRepository conversationRows;

  @BeforeEach
  void setUp() {
    patientSignals.clear();
    staffAlerts.clear();
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("alpha", "alpha_instance", -100L);
    EmbeddedDatabase.insertTenant("beta", "beta_instance", null);
    JdbcClient jdbc = EmbeddedDatabase.jdbc();
    jdbc.sql(
            "UPDATE tenant_config SET google_tasks_list_id = 'list-a', google_calendar_id = 'cal-a'"
                + " WHERE tenant_id = 'alpha'")
        .update();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("q");
    worker.registerWorkflowImplementationTypes(RecordingPatient.class, RecordingStaff.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    TenantRepository repository = new TenantRepository(jdbc);
    tenants = new CachedTenants(repository, null, Duration.ofMillis(1), null);
    StaffToolsConfiguration config = new StaffToolsConfiguration();
    PatientConversations conversations =
        new PatientConversations(client, "q", ConversationSettings.defaults());
    StaffAgenda agenda = new SandboxStaffAgenda();
    var board = TasksConfiguration.sandbox(EmbeddedDatabase.dataSource());
    conversationRows = new ConversationRepository(jdbc, TransactionOperations.withoutTransaction());
    List<ToolHandler> handlers =
        List.of(
            config.sendMessageToPatientTool(tenants, conversations),
            config.pauseBotForPatientTool(tenants, conversations, conversationRows),
            config.resumeBotForPatientTool(tenants, conversations, conversationRows),
            config.clinicUsageTool(tenants, repository, conversationRows),
            config.pausedPatientsTool(tenants, conversationRows),
            config.listTasksTool(tenants, board),
            config.createTaskTool(tenants, board),
            config.completeTaskTool(tenants, board),
            config.agendaOfDayTool(tenants, agenda),
            config.bookForPatientTool(tenants, agenda),
            config.cancelForPatientTool(tenants, agenda),
            config.rescheduleForPatientTool(tenants, agenda));
    tools = new ToolActivitiesImpl(handlers);
    raiser = new StaffAlertRaiser(client, "q", tenants);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** The recording workflows take their signals a moment after signal-with-start returned. */
  static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
  }

  ToolResult call(String tenant, String key, String name, Map<String, Object> args) {
    return tools.invoke(staffCall(tenant, key, name, args));
  }

  @Test
  void staffToolsAreOfferedToStaffOnlyAndByWhatTheClinicHas() {
    assertThat(tools.catalog(new ToolScope("alpha", ToolScope.Audience.PATIENT)).tools()).isEmpty();
    assertThat(tools.catalog(new ToolScope("alpha", ToolScope.Audience.STAFF)).tools())
        .extracting(ToolSpec::name)
        .contains("send_message_to_patient", "list_tasks", "agenda_of_day", "clinic_usage");
    assertThat(tools.catalog(new ToolScope("beta", ToolScope.Audience.STAFF)).tools())
        .extracting(ToolSpec::name)
        .contains(
            "send_message_to_patient", "pause_bot_for_patient", "paused_patients", "clinic_usage")
        .doesNotContain("list_tasks", "agenda_of_day");
  }

  @Test
  void aMessageToAPatientGoesToThatPatientsConversationWithTheCallsKey() throws Exception {
    ToolResult result =
        call(
            "alpha",
            "turn-1:send:ab",
            "send_message_to_patient",
            Map.of("phone", "+55 (11) 90000-0077", "text", "Sua consulta foi confirmada"));

    assertThat(result.response())
        .containsEntry("status", "queued")
        .containsEntry("conversation", "patient:alpha:5511900000077");
    eventually(() -> patientSignals.size() == 2);
    assertThat(patientSignals)
        .anySatisfy(
            s ->
                assertThat(s)
                    .isEqualTo(
                        new StaffOutbound(
                            "turn-1:send:ab", "Sua consulta foi confirmada", "staff:alpha:-100")));
    assertThat(patientSignals)
        .anySatisfy(
            s -> {
              assertThat(s).isInstanceOf(ConversationStart.class);
              assertThat(((ConversationStart) s).instanceName()).isEqualTo("alpha_instance");
            });
  }

  @Test
  void aBadPhoneIsAnswerForTheModelAndReachesNoConversation() {
    ToolResult result =
        call("alpha", "k", "send_message_to_patient", Map.of("phone", "123", "text", "oi"));
    assertThat(result.response().get("error").toString()).contains("phone");
    assertThat(patientSignals).isEmpty();
  }

  @Test
  void pauseAndResumeSignalThePatientsConversation() throws Exception {
    call("alpha", "k1", "pause_bot_for_patient", Map.of("phone", "5511900000077", "hours", 3));
    call("alpha", "k2", "resume_bot_for_patient", Map.of("phone", "5511900000077"));
    eventually(() -> patientSignals.size() == 3);

    assertThat(patientSignals)
        .filteredOn(s -> s instanceof BotPause)
        .containsExactly(
            new BotPause(Duration.ofHours(3), "staff:alpha:-100"),
            new BotPause(Duration.ZERO, "staff:alpha:-100"));
  }

  @Test
  void aPauseFromTelegramIsRecordedWherePausedPatientsFindsIt() {
    call("alpha", "k1", "pause_bot_for_patient", Map.of("phone", "5511900000077", "hours", 3));

    ConversationSummary paused = conversationRows.find("alpha", "5511900000077").orElseThrow();
    assertThat(paused.status()).isEqualTo(ConversationStatus.PAUSED);
    assertThat(paused.pausedUntil())
        .isBetween(Instant.now().plus(Duration.ofMinutes(179)), Instant.now().plusSeconds(10_800));
    assertThat(call("alpha", "k2", "paused_patients", Map.of()).response())
        .containsEntry("count", 1);

    call("alpha", "k3", "resume_bot_for_patient", Map.of("phone", "5511900000077"));

    ConversationSummary resumed = conversationRows.find("alpha", "5511900000077").orElseThrow();
    assertThat(resumed.status()).isEqualTo(ConversationStatus.ACTIVE);
    assertThat(resumed.pausedUntil()).isNull();
    assertThat(call("alpha", "k4", "paused_patients", Map.of()).response())
        .containsEntry("count", 0);
  }

  @Test
  void aPauseLeavesAConversationWaitingForAnOperatorOnTheAttentionList() {
    conversationRows.changeStatus(
        new StatusChange(
            "alpha",
            "5511900000078",
            "patient:alpha:5511900000078",
            ConversationStatus.NEEDS_ATTENTION,
            null,
            "LLM_REFUSED"));

    call("alpha", "k1", "pause_bot_for_patient", Map.of("phone", "5511900000078"));
    call("alpha", "k2", "resume_bot_for_patient", Map.of("phone", "5511900000078"));

    assertThat(conversationRows.find("alpha", "5511900000078").orElseThrow().status())
        .isEqualTo(ConversationStatus.NEEDS_ATTENTION);
  }

  @Test
  void pausedPatientsAreTheClinicsRunningPausesInItsTime() {
    Instant until = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
    pause("alpha", "5511900000001", until);
    pause("alpha", "5511900000002", Instant.now().minus(Duration.ofHours(1))); // ran out
    pause("beta", "5511900000003", until); // another clinic's
    conversationRows.changeStatus(
        new StatusChange("alpha", "5511900000004", "wf", ConversationStatus.ACTIVE, null, null));

    Map<String, Object> listed = call("alpha", "k", "paused_patients", Map.of()).response();

    assertThat(listed).containsEntry("count", 1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> patients = (List<Map<String, Object>>) listed.get("patients");
    assertThat(patients).hasSize(1);
    assertThat(patients.get(0))
        .containsEntry("contact", "5511900000001")
        .containsEntry(
            "paused_until",
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(until.atZone(ZoneId.of("America/Sao_Paulo"))))
        .containsKey("name");
    // The expired pause reads as active wherever the rows are read.
    assertThat(conversationRows.find("alpha", "5511900000002").orElseThrow().status())
        .isEqualTo(ConversationStatus.ACTIVE);
  }

  private void pause(String tenant, String contact, Instant until) {
    conversationRows.changeStatus(
        new StatusChange(
            tenant,
            contact,
            "patient:" + tenant + ":" + contact,
            ConversationStatus.PAUSED,
            until,
            null));
  }

  private static ToolInvocation invocation(String tenant, String tool) {
    return staffCall(tenant, "k", tool, Map.of());
  }

  /** {@code tool} called with {@code args} from the staff chat {@code -100} of {@code tenant}. */
  static ToolInvocation staffCall(
      String tenant, String key, String tool, Map<String, Object> args) {
    return new ToolInvocation(
        tenant,
        "telegram:-100",
        "staff:" + tenant + ":-100",
        key,
        new ToolCall("c", tool, args),
        ToolScope.Audience.STAFF);
  }

  @Test
  void usageIsReadLiveFromTheClinicsRow() {
    EmbeddedDatabase.jdbc()
        .sql(
            "UPDATE tenant_config SET current_message_count = 4000, monthly_message_limit = 5000"
                + " WHERE tenant_id = 'alpha'")
        .update();
    assertThat(call("alpha", "k", "clinic_usage", Map.of()).response())
        .containsEntry("messages_this_period", 4000)
        .containsEntry("monthly_limit", 5000)
        .containsEntry("usage_percent", 80.0)
        .containsEntry("remaining", 1000);
  }

  @Test
  void tasksAreCreatedOnceListedAndCompleted() {
    Map<String, Object> args = Map.of("title", "Ligar para o laboratório", "due", "2026-11-14");
    ToolResult made = call("alpha", "turn-2:create:cd", "create_task", args);
    call("alpha", "turn-2:create:cd", "create_task", args);

    List<?> open = (List<?>) call("alpha", "k", "list_tasks", Map.of()).response().get("tasks");
    assertThat(open).hasSize(1);
    String id = made.response().get("task_id").toString();
    call("alpha", "k", "complete_task", Map.of("task_id", id));
    assertThat((List<?>) call("alpha", "k", "list_tasks", Map.of()).response().get("tasks"))
        .isEmpty();
    assertThat(call("alpha", "k", "complete_task", Map.of("task_id", "nope")).response())
        .containsKey("error");
  }

  @Test
  void appointmentsAreBookedMovedAndCancelledForTheNamedPatientOnly() {
    ToolResult booked =
        call(
            "alpha",
            "t:book",
            "book_for_patient",
            Map.of("phone", "5511900000077", "date", "2026-11-16", "time", "10:00"));
    String id = booked.response().get("appointment_id").toString();
    assertThat(booked.response()).containsEntry("end", "2026-11-16T10:30");
    assertThat(
            call(
                    "alpha",
                    "t:book2",
                    "book_for_patient",
                    Map.of("phone", "5511900000088", "date", "2026-11-16", "time", "10:15"))
                .response())
        .containsKey("error");
    assertThat(
            call(
                    "alpha",
                    "t:move-other",
                    "reschedule_for_patient",
                    Map.of(
                        "phone", "5511900000088",
                        "appointment_id", id,
                        "new_date", "2026-11-16",
                        "new_time", "15:00"))
                .response())
        .containsKey("error");
    call(
        "alpha",
        "t:move",
        "reschedule_for_patient",
        Map.of(
            "phone", "5511900000077",
            "appointment_id", id,
            "new_date", "2026-11-16",
            "new_time", "15:00"));
    List<?> day =
        (List<?>)
            call("alpha", "k", "agenda_of_day", Map.of("date", "2026-11-16"))
                .response()
                .get("appointments");
    assertThat(day).singleElement().asString().contains("2026-11-16T15:00");
    call(
        "alpha",
        "t:cancel",
        "cancel_for_patient",
        Map.of("phone", "5511900000077", "appointment_id", id));
    assertThat(
            (List<?>)
                call("alpha", "k", "agenda_of_day", Map.of("date", "2026-11-16"))
                    .response()
                    .get("appointments"))
        .isEmpty();
  }

  @Test
  void anAlertReachesTheClinicsStaffChatEnrichedAndAClinicWithoutAChatGetsNone() throws Exception {
    raiser.raise(StaffAlert.connection("alpha", "alpha_instance", "close"));
    raiser.raise(StaffAlert.connection("beta", "beta_instance", "close"));
    eventually(() -> !staffAlerts.isEmpty());

    assertThat(staffAlerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.tenantId()).isEqualTo("alpha");
              assertThat(a.clinicName()).isEqualTo("Clinic alpha");
              assertThat(a.language()).isEqualTo("pt-BR");
            });
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub("staff:alpha:-100")
                .describe()
                .getWorkflowType())
        .isEqualTo("InternalAssistant");
  }
}
