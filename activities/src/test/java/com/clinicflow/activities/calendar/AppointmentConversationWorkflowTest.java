package com.clinicflow.activities.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.calendar.CalendarFixtures.MovableClock;
import com.clinicflow.activities.store.ActivityLogRepository;
import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationStoreActivitiesImpl;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.store.TenantStoreActivitiesImpl;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.activities.testing.FakeGoogleCalendar;
import com.clinicflow.activities.tools.ToolActivitiesImpl;
import com.clinicflow.activities.tools.ToolHandler;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmActivities;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.InboundMessage;
import com.clinicflow.workflows.patient.MessageKind;
import com.clinicflow.workflows.patient.PatientHandler;
import com.clinicflow.workflows.patient.PatientHandlerImpl;
import com.clinicflow.workflows.tenant.TenantConfigLoaderImpl;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The real PatientHandler workflow (time-skipping test server) with the real appointment tools over
 * a fake Google Calendar and the real PostgreSQL store; only the LLM is scripted: it asks for the
 * tool the patient's words call for, then answers with the tool's result. So these tests show what
 * the agent loop does with the tools: a booking and its reply, scoping the model cannot get around,
 * an activity retry that books once, and two patients racing for one slot.
 */
class AppointmentConversationWorkflowTest {

  static final FakeGoogleCalendar calendar = new FakeGoogleCalendar();

  @RegisterExtension
  static WireMockExtension google =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(calendar))
          .build();

  static final String TENANT = "clinica";
  static final String INSTANCE = "clinica_instance";
  static final String CAL = CalendarFixtures.CALENDAR;
  static final String ANA = "5511999990001";
  static final String BRUNO = "5511999990002";
  static final Pattern CANCEL = Pattern.compile("cancelar ([A-Za-z0-9_]+)");

  final ScriptedLlm llm = new ScriptedLlm();
  final RecordingWhatsApp whatsApp = new RecordingWhatsApp();
  final AtomicLong sentAt = new AtomicLong(1_772_452_800L);
  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    calendar.reset();
    calendar.install(google);
    CalendarFixtures.insertClinic(TENANT);
    // Monday 2 March 2026, 09:00 in São Paulo, for the tools; "amanhã" is Tuesday the 3rd.
    Appointments appointments =
        CalendarFixtures.google(
            google.baseUrl(), new MovableClock(Instant.parse("2026-03-02T12:00:00Z")));
    TenantRepository repository = new TenantRepository(EmbeddedDatabase.jdbc());
    CachedTenants tenants = new CachedTenants(repository, null, Duration.ofSeconds(1), null);
    List<ToolHandler> tools =
        List.of(
            new CheckAvailabilityTool(appointments, tenants),
            new BookAppointmentTool(appointments, tenants),
            new ListMyAppointmentsTool(appointments, tenants),
            new CancelMyAppointmentTool(appointments, tenants),
            new RescheduleMyAppointmentTool(appointments, tenants),
            new ConfirmMyAppointmentTool(appointments, tenants));
    // PatientHandler upserts ClinicFlow's search attributes: the test server must know them.
    io.temporal.testing.TestEnvironmentOptions.Builder options =
        io.temporal.testing.TestEnvironmentOptions.newBuilder();
    for (var key : com.clinicflow.workflows.common.SearchAttributes.ALL) {
      options.registerSearchAttribute(
          key.getName(), io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    env = TestWorkflowEnvironment.newInstance(options.build());
    client = env.getWorkflowClient();
    Worker worker = env.newWorker("clinicflow");
    worker.registerWorkflowImplementationTypes(
        PatientHandlerImpl.class, TenantConfigLoaderImpl.class);
    worker.registerActivitiesImplementations(
        new TenantStoreActivitiesImpl(
            tenants, repository, new ActivityLogRepository(EmbeddedDatabase.jdbc()), Set.of()),
        new ConversationStoreActivitiesImpl(
            new ConversationRepository(
                EmbeddedDatabase.jdbc(),
                new TransactionTemplate(
                    new DataSourceTransactionManager(EmbeddedDatabase.dataSource())))),
        llm,
        new ToolActivitiesImpl(tools),
        whatsApp);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
    EmbeddedDatabase.reset();
  }

  @Test
  void aBookingRequestBecomesOneEventTaggedWithThePatientAndAReply() {
    deliver(ANA, "quero agendar uma consulta amanhã às 10h");

    eventually(() -> whatsApp.to(ANA).size() == 1);
    assertThat(whatsApp.to(ANA).get(0).text()).contains("booked=true").contains("10:00");
    assertThat(calendar.events(CAL))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.at("/extendedProperties/private/cf_contact").asText()).isEqualTo(ANA);
              assertThat(e.at("/extendedProperties/private/cf_conv").asText())
                  .isEqualTo("patient:clinica:" + ANA);
              assertThat(e.at("/start/dateTime").asText())
                  .isEqualTo("2026-03-03T10:00:00.000-03:00");
            });
    // The tool call and its result are in the transcript, so memory holds what was really done.
    assertThat(transcriptRoles(ANA)).containsExactly("USER", "MODEL", "USER", "MODEL");
  }

  @Test
  void aPatientCannotCancelAnotherPatientsEventEvenWhenTheModelAsksForIt() {
    deliver(ANA, "quero agendar uma consulta amanhã às 10h");
    eventually(() -> whatsApp.to(ANA).size() == 1);
    String anasEvent = calendar.events(CAL).get(0).path("id").asText();

    deliver(BRUNO, "cancelar " + anasEvent);

    eventually(() -> whatsApp.to(BRUNO).size() == 1);
    assertThat(whatsApp.to(BRUNO).get(0).text()).contains("cancelled=false").contains("not_found");
    assertThat(calendar.events(CAL))
        .extracting(e -> e.path("id").asText())
        .containsExactly(anasEvent);
    assertThat(calendar.events(CAL).get(0).path("status").asText()).isEqualTo("confirmed");
  }

  @Test
  void anActivityRetryAfterTheEventWasCreatedBooksOnce() {
    calendar.failNextInsertsAfterStoring(1);

    deliver(ANA, "quero agendar uma consulta amanhã às 10h");

    eventually(() -> whatsApp.to(ANA).size() == 1);
    assertThat(whatsApp.to(ANA).get(0).text()).contains("booked=true");
    assertThat(calendar.events(CAL)).hasSize(1);
    google.verify(1, postRequestedFor(urlPathEqualTo("/calendar/v3/calendars/" + CAL + "/events")));
    // The retry was Temporal's: the model was asked once about the patient's words.
    assertThat(llm.requestsAboutPatientWords()).isEqualTo(1);
  }

  @Test
  void twoPatientsAskingForOneSlotAtTheSameMomentOneGetsItTheOtherAlternatives() {
    calendar.delayFreeBusy(300);

    deliver(ANA, "quero agendar uma consulta amanhã às 10h");
    deliver(BRUNO, "quero agendar uma consulta amanhã às 10h");

    eventually(() -> whatsApp.to(ANA).size() == 1 && whatsApp.to(BRUNO).size() == 1);
    assertThat(calendar.events(CAL)).hasSize(1);
    List<String> replies =
        List.of(whatsApp.to(ANA).get(0).text(), whatsApp.to(BRUNO).get(0).text());
    assertThat(replies).filteredOn(t -> t.contains("booked=true")).hasSize(1);
    assertThat(replies)
        .filteredOn(t -> t.contains("booked=false"))
        .singleElement()
        .satisfies(t -> assertThat(t).contains("slot_taken").contains("alternatives"));
  }

  // ---- the conversation
  // --------------------------------------------------------------------------

  void deliver(String phone, String text) {
    PatientHandler stub =
        client.newWorkflowStub(
            PatientHandler.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue("clinicflow")
                .setWorkflowId("patient:" + TENANT + ":" + phone)
                .build());
    InboundMessage message =
        new InboundMessage(
            "MSG-" + phone + "-" + sentAt.get(),
            INSTANCE,
            phone,
            null,
            false,
            null,
            MessageKind.TEXT,
            text,
            null,
            Instant.ofEpochSecond(sentAt.incrementAndGet()),
            null,
            null,
            null);
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(
        stub::run,
        ConversationStart.fresh(TENANT, phone, INSTANCE, ConversationSettings.defaults()));
    request.add(stub::onMessage, message);
    client.signalWithStart(request);
  }

  void eventually(BooleanSupplier condition) {
    for (int i = 0; i < 300; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      env.sleep(Duration.ofSeconds(1));
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not reached");
  }

  List<String> transcriptRoles(String phone) {
    return EmbeddedDatabase.jdbc()
        .sql(
            "SELECT role FROM conversation_message WHERE tenant_id = :t AND contact = :c ORDER BY seq")
        .param("t", TENANT)
        .param("c", phone)
        .query(String.class)
        .list();
  }

  /**
   * Asks for the tool the patient's words call for (arguments as a model would resolve them, from
   * the text), then answers with the tool's result flattened into words.
   */
  static final class ScriptedLlm implements LlmActivities {
    final List<LlmRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public LlmReply generate(LlmRequest request) {
      requests.add(request);
      ChatMessage last = request.history().get(request.history().size() - 1);
      for (ChatPart part : last.parts()) {
        if (part.toolResult() != null) {
          ToolResult result = part.toolResult();
          return text(flatten(result.response()));
        }
      }
      String said = last.joinedText();
      Matcher cancel = CANCEL.matcher(said);
      if (cancel.find()) {
        return call("cancel_my_appointment", Map.of("appointment_id", cancel.group(1)));
      }
      if (said.contains("agendar")) {
        return call("book_appointment", Map.of("date", "2026-03-03", "time", "10:00"));
      }
      return text("Como posso ajudar?");
    }

    int requestsAboutPatientWords() {
      return (int)
          requests.stream()
              .filter(r -> r.history().get(r.history().size() - 1).role() == ChatRole.USER)
              .filter(r -> r.history().get(r.history().size() - 1).parts().get(0).text() != null)
              .count();
    }

    static String flatten(Map<String, Object> response) {
      StringBuilder out = new StringBuilder();
      response.forEach((k, v) -> out.append(k).append('=').append(v).append(' '));
      return out.toString().strip();
    }

    static LlmReply text(String text) {
      return new LlmReply(ChatMessage.modelText(text), text, List.of(), 1, 1);
    }

    static LlmReply call(String name, Map<String, Object> args) {
      ToolCall call = new ToolCall(null, name, args);
      return new LlmReply(
          new ChatMessage(ChatRole.MODEL, List.of(ChatPart.toolCall(call, null))),
          "",
          List.of(call),
          1,
          1);
    }
  }

  /** WhatsApp that records what was sent; a key is sent once, like the real outbound ledger. */
  static final class RecordingWhatsApp implements WhatsAppActivities {
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

    @Override
    public synchronized SendReceipt sendText(OutboundMessage message) {
      boolean known =
          sent.stream().anyMatch(m -> m.idempotencyKey().equals(message.idempotencyKey()));
      if (!known) {
        sent.add(message);
      }
      return new SendReceipt(null, known, true);
    }

    List<OutboundMessage> to(String phone) {
      return sent.stream().filter(m -> m.recipient().equals(phone)).toList();
    }
  }
}
