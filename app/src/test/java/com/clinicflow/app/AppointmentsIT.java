package com.clinicflow.app;

import static com.clinicflow.app.ItFakes.awaitTrue;
import static com.clinicflow.app.ItFakes.geminiCall;
import static com.clinicflow.app.ItFakes.geminiText;
import static com.clinicflow.app.ItFakes.okJson;
import static com.clinicflow.app.ItFakes.readTree;
import static com.clinicflow.app.ItFakes.upsert;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.FakeGoogleCalendar;
import com.clinicflow.worker.ConfirmationSchedules;
import com.clinicflow.workflows.agent.ToolActivities;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.appointments.ConfirmationKeys;
import com.clinicflow.workflows.appointments.ConfirmationOutcome;
import com.clinicflow.workflows.appointments.ConfirmationScheduler;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 4's acceptance against the running application: embedded PostgreSQL and Temporal, real HTTP
 * in, and fakes only at the HTTP edge: Gemini (scripted to call the appointment tools), Evolution,
 * and Google Calendar (a stateful fake speaking Calendar v3's JSON, reached through the real
 * credentials file whose token_uri points at it).
 */
@SpringBootTest(
    classes = ClinicFlowApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AppointmentsIT {

  static final String SECRET = "webhook-secret-for-tests";
  static final String ADMIN = "admin-token-for-tests";
  static final String CALENDAR = "agenda@cal.example";
  static final String CONF_CALENDAR = "agenda@conf.example";
  static final String CONFIRMATION_PROMPT = "Confirm tomorrow's appointment, kindly.";
  static final String REMINDER =
      "Lembrete: sua consulta é amanhã. Responda sim, não posso ou remarcar.";
  static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  static final FakeGoogleCalendar calendar = new FakeGoogleCalendar();
  static final WireMockServer gemini = new WireMockServer(options().dynamicPort());
  static final WireMockServer evolution = new WireMockServer(options().dynamicPort());
  static final WireMockServer google =
      new WireMockServer(options().dynamicPort().extensions(calendar));
  static final AtomicLong phones = new AtomicLong(5511977770000L);
  static boolean clinicsCreated;

  static {
    gemini.start();
    evolution.start();
    google.start();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ConfirmationSchedules confirmations;
  @Autowired ToolActivities toolActivities;
  @Autowired WorkflowClient workflows;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path credentials = Files.createTempFile("google-credentials", ".json");
    Files.writeString(credentials, FakeGoogleCalendar.authorizedUserJson(google.baseUrl()));
    credentials.toFile().deleteOnExit();
    registry.add("clinicflow.data-dir", () -> tempDir());
    registry.add("clinicflow.temporal.embedded-port", TestPorts::free);
    registry.add("clinicflow.admin.token", () -> ADMIN);
    registry.add("clinicflow.evolution.webhook-secret", () -> SECRET);
    registry.add("clinicflow.evolution.base-url", evolution::baseUrl);
    registry.add("clinicflow.evolution.api-key", () -> "evolution-global-key");
    registry.add("clinicflow.gemini.base-url", () -> gemini.baseUrl() + "/");
    registry.add("clinicflow.gemini.api-key", () -> "gemini-test-key");
    registry.add("clinicflow.google.credentials-file", credentials::toString);
    registry.add("clinicflow.google.root-url", () -> google.baseUrl() + "/");
    registry.add("clinicflow.conversation.debounce", () -> "PT1S");
    registry.add("clinicflow.conversation.max-burst-wait", () -> "PT5S");
  }

  static String tempDir() {
    try {
      return Files.createTempDirectory("clinicflow-it").toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopFakes() {
    gemini.stop();
    evolution.stop();
    google.stop();
  }

  @BeforeEach
  void fakesAndClinics() throws Exception {
    gemini.resetAll();
    evolution.resetAll();
    google.resetAll();
    calendar.reset();
    calendar.install(google);
    scriptGemini();
    evolution.stubFor(
        WireMock.post(urlPathMatching("/message/sendText/.*"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"key":{"remoteJid":"5511900000001@s.whatsapp.net","fromMe":true,
                         "id":"BAE5F5A632EAE722"},"message":{"conversation":"ok"},
                         "messageTimestamp":1717689097,"status":"PENDING"}""")));
    if (!clinicsCreated) {
      createClinic("cal", "cal_instance", CALENDAR);
      createClinic("conf", "conf_instance", CONF_CALENDAR);
      clinicsCreated = true;
    }
  }

  /**
   * The model's side: a booking request becomes book_appointment for tomorrow at the hour asked, a
   * cancel request with an id becomes cancel_my_appointment, and a tool result becomes words.
   */
  void scriptGemini() {
    String tomorrow = tomorrow().toString();
    stubGemini(10, List.of(), geminiText("Olá! Como posso ajudar?"));
    for (String hour : List.of("10", "11")) {
      stubGemini(
          5,
          List.of("quero agendar uma consulta amanhã às " + hour + "h"),
          geminiCall(
              "book_appointment",
              Map.of("date", tomorrow, "time", hour + ":00", "patient_name", "Paciente Exemplo")));
    }
    stubGemini(3, List.of("\"booked\":true"), geminiText("Pronto, sua consulta está marcada."));
    stubGemini(
        3,
        List.of("\"booked\":false"),
        geminiText("Esse horário não está livre; posso oferecer outro?"));
    stubGemini(
        3,
        List.of("\"cancelled\":false"),
        geminiText("Não encontrei essa consulta entre as suas."));
    stubGemini(4, List.of(CONFIRMATION_PROMPT), geminiText(REMINDER));
  }

  void stubGemini(int priority, List<String> containing, String answer) {
    var stub =
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent")).atPriority(priority);
    for (String text : containing) {
      stub = stub.withRequestBody(containing(text));
    }
    if (priority == 5 || priority == 2) {
      // Asking for a tool only while the tool has not answered yet.
      stub = stub.withRequestBody(notContaining("functionResponse"));
    }
    gemini.stubFor(stub.willReturn(okJson(answer)));
  }

  // ---- acceptance ----------------------------------------------------------------------------

  @Test
  void aBookingRequestBecomesOneEventWithThePatientTaggedAndAReply() throws Exception {
    String phone = nextPhone();

    say("cal_instance", phone, "quero agendar uma consulta amanhã às 10h");

    awaitTrue(() -> sends(phone).size() == 1);
    assertThat(text(sends(phone).get(0))).isEqualTo("Pronto, sua consulta está marcada.");
    assertThat(calendar.events(CALENDAR))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.at("/extendedProperties/private/cf_contact").asText()).isEqualTo(phone);
              assertThat(e.at("/extendedProperties/private/cf_tenant").asText()).isEqualTo("cal");
              assertThat(e.at("/start/dateTime").asText()).startsWith(tomorrow() + "T10:00:00");
              assertThat(e.at("/start/timeZone").asText()).isEqualTo("America/Sao_Paulo");
              assertThat(e.path("summary").asText()).isEqualTo("Paciente Exemplo (WhatsApp)");
            });
    assertThat(calendar.tokenRequests()).isPositive(); // the file's token_uri was honoured
    // The model's activity declared the clinic's patient tools itself (decision 0019): both calls
    // of the turn offer the six appointment tools and no staff tool.
    List<JsonNode> turn =
        geminiRequests().stream()
            .filter(r -> r.toString().contains("quero agendar uma consulta amanhã às 10h"))
            .toList();
    assertThat(turn)
        .hasSize(2)
        .allSatisfy(
            r ->
                assertThat(r.at("/tools/0/functionDeclarations").findValuesAsText("name"))
                    .containsExactlyInAnyOrder(
                        "check_availability",
                        "book_appointment",
                        "list_my_appointments",
                        "confirm_my_appointment",
                        "cancel_my_appointment",
                        "reschedule_my_appointment"));
  }

  @Test
  void theSameRequestRetriedAfterACrashIsStillOneEvent() throws Exception {
    String phone = nextPhone();
    // The calendar stores the event and the answer is lost: the activity fails after the insert,
    // as if the worker had crashed there, and Temporal runs it again.
    calendar.failNextInsertsAfterStoring(1);

    say("cal_instance", phone, "quero agendar uma consulta amanhã às 10h");

    awaitTrue(() -> sends(phone).size() == 1);
    assertThat(text(sends(phone).get(0))).isEqualTo("Pronto, sua consulta está marcada.");
    assertThat(calendar.events(CALENDAR)).hasSize(1);
    google.verify(
        1, postRequestedFor(urlPathEqualTo("/calendar/v3/calendars/" + CALENDAR + "/events")));

    // And the tool activity itself, run twice with one idempotency key (a redelivered task).
    ToolInvocation again =
        new ToolInvocation(
            "cal",
            phone,
            "patient:cal:" + phone,
            "it-turn:book_appointment:1",
            new ToolCall(
                null, "book_appointment", Map.of("date", tomorrow().toString(), "time", "15:00")),
            ToolScope.Audience.PATIENT);
    ToolResult first = toolActivities.invoke(again);
    ToolResult second = toolActivities.invoke(again);
    assertThat(first.response()).containsEntry("booked", true);
    assertThat(second.response()).containsEntry("booked", true);
    assertThat(calendar.events(CALENDAR)).hasSize(2);
  }

  @Test
  void aCancelRequestForAnotherPatientsEventIsRefusedAndTheEventUntouched() throws Exception {
    String owner = nextPhone();
    String other = nextPhone();
    say("cal_instance", owner, "quero agendar uma consulta amanhã às 10h");
    awaitTrue(() -> sends(owner).size() == 1);
    String ownersEvent = calendar.events(CALENDAR).get(0).path("id").asText();
    stubGemini(
        2,
        List.of("cancelar a consulta " + ownersEvent),
        geminiCall("cancel_my_appointment", Map.of("appointment_id", ownersEvent)));

    say("cal_instance", other, "cancelar a consulta " + ownersEvent);

    awaitTrue(() -> sends(other).size() == 1);
    assertThat(text(sends(other).get(0))).isEqualTo("Não encontrei essa consulta entre as suas.");
    assertThat(calendar.events(CALENDAR))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("id").asText()).isEqualTo(ownersEvent);
              assertThat(e.path("status").asText()).isEqualTo("confirmed");
              assertThat(e.at("/extendedProperties/private/cf_contact").asText()).isEqualTo(owner);
            });
    google.verify(0, deleteRequestedFor(urlPathMatching("/calendar/v3/.*")));
    // The reply goes out while the transcript is saved (decision 0014): wait for the save too.
    awaitTrue(
        () -> toolResultsOf(other).stream().anyMatch(r -> r.contains("\"reason\":\"not_found\"")));
  }

  @Test
  void twoConcurrentBookingsOfOneSlotMakeOneEvent() throws Exception {
    String first = nextPhone();
    String second = nextPhone();
    calendar.delayFreeBusy(300);

    CompletableFuture<HttpResponse<String>> a =
        postAsync(
            upsert(
                "cal_instance", first, "R-" + first, "quero agendar uma consulta amanhã às 11h"));
    CompletableFuture<HttpResponse<String>> b =
        postAsync(
            upsert(
                "cal_instance", second, "R-" + second, "quero agendar uma consulta amanhã às 11h"));
    assertThat(a.get().statusCode()).isEqualTo(200);
    assertThat(b.get().statusCode()).isEqualTo(200);

    awaitTrue(() -> sends(first).size() == 1 && sends(second).size() == 1);
    assertThat(calendar.events(CALENDAR)).hasSize(1);
    assertThat(List.of(text(sends(first).get(0)), text(sends(second).get(0))))
        .containsExactlyInAnyOrder(
            "Pronto, sua consulta está marcada.",
            "Esse horário não está livre; posso oferecer outro?");
  }

  @Test
  void theConfirmationRunOfADayWithThreeAppointmentsSendsThreeMessagesAndASecondRunNone()
      throws Exception {
    LocalDate day = tomorrow().plusDays(1);
    List<String> patients = List.of(nextPhone(), nextPhone(), nextPhone());
    DateTimeFormatter rfc3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    for (int i = 0; i < patients.size(); i++) {
      calendar.put(
          CONF_CALENDAR,
          "confevent" + i,
          rfc3339.format(day.atTime(9 + i, 0).atZone(SAO_PAULO)),
          rfc3339.format(day.atTime(9 + i, 30).atZone(SAO_PAULO)),
          Map.of("cf_tenant", "conf", "cf_contact", patients.get(i)));
    }

    ConfirmationOutcome first = confirmations.runNow("conf", day);
    ConfirmationOutcome second = confirmations.runNow("conf", day);

    assertThat(first.sent()).isEqualTo(3);
    assertThat(second.sent()).isZero();
    assertThat(second.skipped()).isEqualTo(3);
    for (String patient : patients) {
      assertThat(sends(patient))
          .singleElement()
          .satisfies(s -> assertThat(text(s)).isEqualTo(REMINDER));
      assertThat(transcriptRoles("conf", patient)).containsExactly("MODEL");
    }
    assertThat(
            jdbc.sql(
                    """
                    SELECT count(*) FROM tenant_activity_log
                     WHERE tenant_id = 'conf' AND event_type = 'confirmations_run'
                    """)
                .query(Integer.class)
                .single())
        .isEqualTo(2);

    // The patient's "sim" reaches PatientHandler with the reminder in memory and the same tools.
    String patient = patients.get(0);
    say("conf_instance", patient, "sim");
    awaitTrue(() -> sends(patient).size() == 2);
    JsonNode request =
        geminiRequests().stream().filter(r -> lastText(r).equals("sim")).findFirst().orElseThrow();
    JsonNode contents = request.get("contents");
    assertThat(contents.get(contents.size() - 2).get("role").asText()).isEqualTo("model");
    assertThat(contents.get(contents.size() - 2).at("/parts/0/text").asText()).isEqualTo(REMINDER);
    assertThat(request.at("/tools").toString())
        .contains("confirm_my_appointment")
        .contains("cancel_my_appointment")
        .contains("reschedule_my_appointment");
  }

  @Test
  void aClinicWithACalendarGetsASchedulerWhenCreatedAndLosesItWhenDeactivated() throws Exception {
    createClinic("sched", "sched_instance", "agenda@sched.example");
    ConfirmationScheduler scheduler =
        workflows.newWorkflowStub(
            ConfirmationScheduler.class, ConfirmationKeys.schedulerId("sched"));
    awaitTrue(
        () -> {
          try {
            return scheduler.state().nextRunAt() != null;
          } catch (RuntimeException notYet) {
            return false;
          }
        });
    assertThat(scheduler.state().nextDate()).isAfter(LocalDate.now(SAO_PAULO));

    HttpResponse<String> deactivated =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/tenants/sched/deactivate"))
                .header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(deactivated.statusCode()).isBetween(200, 299);

    WorkflowStub.fromTyped(scheduler).getResult(20, TimeUnit.SECONDS, Void.class);
  }

  // ---- helpers -------------------------------------------------------------------------------

  void createClinic(String id, String instance, String calendarId) throws Exception {
    Map<String, Object> hours = new LinkedHashMap<>();
    for (String day : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
      hours.put(day, Map.of("open", "08:00", "close", "18:00"));
    }
    Map<String, Object> clinic = new LinkedHashMap<>();
    clinic.put("tenant_id", id);
    clinic.put("clinic_name", "Clinic " + id);
    clinic.put("evolution_instance_name", instance);
    clinic.put("google_calendar_id", calendarId);
    clinic.put("system_prompt_patient", "Clinic " + id + " prompt: book with the tools.");
    clinic.put("system_prompt_internal", "Staff assistant of " + id);
    clinic.put("system_prompt_confirmation", CONFIRMATION_PROMPT);
    clinic.put("business_hours", hours);
    clinic.put("clinic_info", Map.of("address", "Rua " + id, "appointment_minutes", 30));
    clinic.put("timezone", "America/Sao_Paulo");
    clinic.put("language", "pt-BR");
    clinic.put("is_active", true);
    clinic.put("monthly_message_limit", 1000);
    clinic.put("fallback_message", "Fallback for " + id);
    clinic.put("quota_exceeded_message", "Quota reached for " + id);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/tenants"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ItFakes.JSON.writeValueAsString(clinic)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  void say(String instance, String phone, String text) throws Exception {
    HttpResponse<String> response =
        postAsync(upsert(instance, phone, "M-" + phone + "-" + System.nanoTime(), text)).get();
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  CompletableFuture<HttpResponse<String>> postAsync(String body) {
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create(base() + "/webhooks/evolution"))
            .header("Content-Type", "application/json")
            .header("X-Webhook-Secret", SECRET)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  static LocalDate tomorrow() {
    return LocalDate.now(SAO_PAULO).plusDays(1);
  }

  static String nextPhone() {
    return String.valueOf(phones.incrementAndGet());
  }

  static List<LoggedRequest> sends(String phone) {
    return evolution.findAll(postRequestedFor(urlPathMatching("/message/sendText/.*"))).stream()
        .filter(r -> r.getBodyAsString().contains("\"number\":\"" + phone + "\""))
        .toList();
  }

  static String text(LoggedRequest send) {
    return readTree(send.getBodyAsString()).get("text").asText();
  }

  static List<JsonNode> geminiRequests() {
    return gemini
        .findAll(postRequestedFor(urlPathMatching("/v1.*/models/.*:generateContent")))
        .stream()
        .map(r -> readTree(r.getBodyAsString()))
        .toList();
  }

  static String lastText(JsonNode request) {
    JsonNode contents = request.get("contents");
    return contents.get(contents.size() - 1).at("/parts/0/text").asText();
  }

  List<String> transcriptRoles(String tenant, String contact) {
    return jdbc.sql(
            "SELECT role FROM conversation_message WHERE tenant_id = :t AND contact = :c ORDER BY seq")
        .param("t", tenant)
        .param("c", contact)
        .query(String.class)
        .list();
  }

  List<String> toolResultsOf(String contact) {
    return jdbc
        .sql(
            """
            SELECT content::text FROM conversation_message
             WHERE tenant_id = 'cal' AND contact = :c AND content::text LIKE '%tool_result%'
             ORDER BY seq
            """)
        .param("c", contact)
        .query(String.class)
        .list()
        .stream()
        .map(s -> s.replace(" ", ""))
        .toList();
  }
}
