package com.clinicflow.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.common.ActivityStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The promise of the split roles, checked with real processes: a worker killed with SIGKILL in the
 * middle of a Gemini call, and started again against the same {@code temporal} process, still
 * answers the patient, and answers exactly once.
 *
 * <p>Layout: this JVM runs PostgreSQL (embedded, demo clinic loaded) and two WireMock fakes, one
 * speaking Gemini's v1beta JSON, one Evolution's sendText. Child JVMs run {@code
 * ClinicFlowApplication} from the test class path: one with the lone {@code temporal} role (the
 * in-memory Temporal server, which must survive), and one with {@code api,worker}, killed and then
 * started a second time. Their output goes to {@code target/worker-crash-it/*.log}, and the tails
 * are printed when a wait runs out.
 *
 * <p>Why exactly one reply holds:
 *
 * <ul>
 *   <li>The Gemini call is the only thing in flight when the worker dies, and it has no side
 *       effect: calling it again costs tokens, nothing else.
 *   <li>Temporal owns the turn. Its state (the patient's message, the turn key made with {@code
 *       Workflow.randomUUID()}) is in the {@code temporal} process's history, not in the dead
 *       worker; the restarted worker replays it and gets the same turn key.
 *   <li>The LLM attempt on the dead worker stops heartbeating; after the LLM stub's 10 s heartbeat
 *       timeout (instead of its 90 s start-to-close timeout) the server fails that attempt and
 *       dispatches a retry, which the restarted worker picks up.
 *   <li>When the retry completes, the conversation's next workflow task goes to the shared task
 *       queue, not to the dead worker's sticky queue: the embedded server turns sticky execution
 *       off (see {@code EmbeddedTemporalServer}), so the restarted worker replays the history and
 *       carries on with the same turn.
 *   <li>The reply is sent once, by one activity, under the turn's idempotency key ({@code
 *       <turn>:reply}) recorded in {@code outbound_message}: even a retry of the send would find
 *       the row SENT and send nothing.
 * </ul>
 */
class WorkerCrashIT {

  private static final Path LOGS = Path.of("target", "worker-crash-it");
  private static final String TENANT = "demo";
  private static final String INSTANCE = "demo_instance";
  private static final String PATIENT = "5511900000001";
  private static final String REPLY = "Olá!";
  private static final String WEBHOOK_SECRET = "crash-test-webhook-secret";

  /** Long enough that the kill certainly lands while the first call waits for its answer. */
  private static final int FIRST_ANSWER_DELAY_MS = 6_000;

  /**
   * The retried call is slower than the 10 s heartbeat timeout on purpose: a healthy worker that
   * waits on a slow model must not be taken for a dead one (it heartbeats), so the retry must
   * succeed at its first try and Gemini sees exactly two requests.
   */
  private static final int RETRIED_ANSWER_DELAY_MS = 12_000;

  /** 90 s: the only way a dead attempt ends when the LLM stub has no heartbeat timeout. */
  private static final Duration LLM_START_TO_CLOSE = ActivityStubs.LLM.getStartToCloseTimeout();

  private static final String GEMINI_PATH = "/v1.*/models/.*:generateContent";
  private static final String SEND_TEXT_PATH = "/message/sendText/" + INSTANCE;

  private static final String GEMINI_TEXT_ANSWER =
      """
      {"candidates":[{"content":{"role":"model","parts":[{"text":"Olá!"}]},"finishReason":"STOP"}],
       "usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":3,"totalTokenCount":53}}
      """;

  private static final String EVOLUTION_SENT =
      """
      {"key":{"remoteJid":"5511900000001@s.whatsapp.net","fromMe":true,"id":"BAE5XYZ"},
       "message":{"conversation":"Olá!"},"messageTimestamp":1717689097,"status":"PENDING"}
      """;

  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<Child> children = new ArrayList<>();

  private static final String WORKFLOW_ID = "patient:" + TENANT + ":" + PATIENT;

  private static EmbeddedPostgres postgres;
  private static int temporalPort;
  private static WireMockServer gemini;
  private static WireMockServer evolution;

  @BeforeAll
  static void startInfrastructure() throws IOException {
    Files.createDirectories(LOGS);
    postgres = EmbeddedPostgres.builder().start();
    // Migrated here once, with the demo clinic; the app processes get the same locations, so
    // their own Flyway only validates (and two of them never race on a first migration).
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .locations("classpath:db/migration", "classpath:db/demo")
        .load()
        .migrate();

    gemini = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    gemini.start();
    gemini.stubFor(
        post(urlPathMatching(GEMINI_PATH))
            .inScenario("worker crash")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("retried")
            .willReturn(okJson(GEMINI_TEXT_ANSWER).withFixedDelay(FIRST_ANSWER_DELAY_MS)));
    gemini.stubFor(
        post(urlPathMatching(GEMINI_PATH))
            .inScenario("worker crash")
            .whenScenarioStateIs("retried")
            .willReturn(okJson(GEMINI_TEXT_ANSWER).withFixedDelay(RETRIED_ANSWER_DELAY_MS)));

    evolution = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    evolution.start();
    evolution.stubFor(
        post(urlPathEqualTo(SEND_TEXT_PATH))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(EVOLUTION_SENT)));
  }

  @AfterAll
  static void stopEverything() throws IOException {
    // Every child goes, even if the test failed half-way or one of them will not die.
    for (Child child : children) {
      try {
        child.kill();
      } catch (RuntimeException | AssertionError e) {
        System.err.println("[WorkerCrashIT] " + e.getMessage());
      }
    }
    if (gemini != null) {
      gemini.stop();
    }
    if (evolution != null) {
      evolution.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void workerKilledDuringAGeminiCallIsReplacedAndThePatientGetsExactlyOneReply() throws Exception {
    temporalPort = TestPorts.free();
    Child temporal =
        start(
            "temporal",
            "-Xmx256m",
            "--clinicflow.roles=temporal",
            "--clinicflow.temporal.embedded-port=" + temporalPort);
    await(
        "the temporal process to listen",
        Duration.ofSeconds(60),
        () -> temporal.alive() && listening(temporalPort));

    Child firstWorker = startApp("app-1");
    sendPatientMessage(firstWorker.httpPort);

    await(
        "the first worker to call Gemini", Duration.ofSeconds(60), () -> !geminiCalls().isEmpty());
    Instant firstCallAt = geminiCalls().get(0).getLoggedDate().toInstant();

    // SIGKILL: no shutdown hook, no graceful worker stop, the HTTP call to Gemini is cut.
    Instant killedAt = Instant.now();
    firstWorker.kill();
    assertThat(firstWorker.process.exitValue()).isEqualTo(137); // 128 + SIGKILL
    assertThat(killedAt)
        .as("the kill landed while Gemini was still answering the first call")
        .isBefore(firstCallAt.plusMillis(FIRST_ANSWER_DELAY_MS));
    assertThat(temporal.process.isAlive()).isTrue();
    assertThat(sendTextCalls()).isEmpty();

    Child secondWorker = startApp("app-2");
    Instant secondReadyAt = Instant.now();
    await("the reply to reach Evolution", Duration.ofSeconds(90), () -> !sendTextCalls().isEmpty());
    Instant replySentAt = sendTextCalls().get(0).getLoggedDate().toInstant();
    Instant retriedAt = geminiCalls().get(1).getLoggedDate().toInstant();
    report(killedAt, secondReadyAt, retriedAt, replySentAt);
    // Not a speed requirement: without the heartbeat timeout the server could only give up on the
    // dead attempt when its 90 s start-to-close timeout expired.
    assertThat(retriedAt)
        .as("the LLM call was retried on the heartbeat timeout, before start-to-close could expire")
        .isBefore(firstCallAt.plus(LLM_START_TO_CLOSE));

    // Room for a duplicate to show up: a second send, or a third model call.
    Thread.sleep(15_000);

    List<LoggedRequest> sends = sendTextCalls();
    assertThat(sends).as("WhatsApp replies sent").hasSize(1);
    assertThat(sends.get(0).getHeader("apikey")).isEqualTo("test");
    JsonNode sent = new ObjectMapper().readTree(sends.get(0).getBodyAsString());
    assertThat(sent.path("number").asText()).isEqualTo(PATIENT);
    assertThat(sent.path("text").asText()).isEqualTo(REPLY);
    assertThat(geminiCalls())
        .as("Gemini calls: the one cut by the kill and its retry, which heartbeats past 10 s")
        .hasSize(2);
    assertThat(secondWorker.process.isAlive()).isTrue();

    assertOneSentRowForTheTurn();
    assertTheLlmCallCompletedOnItsSecondAttempt();
  }

  /** The send ledger agrees: one row for this patient, SENT, keyed by the turn's reply key. */
  private static void assertOneSentRowForTheTurn() {
    JdbcClient jdbc = JdbcClient.create(database());
    List<Map<String, Object>> rows =
        jdbc.sql(
                """
                SELECT idempotency_key, status, provider_message_id
                  FROM outbound_message
                 WHERE tenant_id = :tenant AND recipient = :patient
                """)
            .param("tenant", TENANT)
            .param("patient", PATIENT)
            .query()
            .listOfRows();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("status", "SENT");
    assertThat(rows.get(0)).containsEntry("provider_message_id", "BAE5XYZ");
    List<String> turns =
        jdbc.sql(
                """
                SELECT DISTINCT turn_key FROM conversation_message
                 WHERE tenant_id = :tenant AND contact = :patient
                """)
            .param("tenant", TENANT)
            .param("patient", PATIENT)
            .query(String.class)
            .list();
    assertThat(turns).hasSize(1);
    assertThat(rows.get(0)).containsEntry("idempotency_key", turns.get(0) + ":reply");
  }

  /**
   * The history kept by the {@code temporal} process shows how the turn survived: one LLM activity,
   * completed on its second attempt (the first one died with the worker). The test server does not
   * record the previous attempt's failure in the history; the timing assertion in the test shows
   * that it was the heartbeat timeout.
   */
  private static void assertTheLlmCallCompletedOnItsSecondAttempt() {
    WorkflowServiceStubs stubs = temporalStubs();
    try {
      List<HistoryEvent> events =
          WorkflowClient.newInstance(stubs).fetchHistory(WORKFLOW_ID).getEvents();
      List<Long> llmCalls =
          events.stream()
              .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
              .filter(
                  e ->
                      e.getActivityTaskScheduledEventAttributes()
                          .getActivityType()
                          .getName()
                          .startsWith("Llm."))
              .map(HistoryEvent::getEventId)
              .toList();
      assertThat(llmCalls).as("LLM activities scheduled").hasSize(1);
      long scheduledId = llmCalls.get(0);
      assertThat(
              events.stream()
                  .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
                  .map(HistoryEvent::getActivityTaskStartedEventAttributes)
                  .filter(started -> started.getScheduledEventId() == scheduledId)
                  .map(started -> started.getAttempt())
                  .toList())
          .containsExactly(2);
      assertThat(
              events.stream()
                  .filter(HistoryEvent::hasActivityTaskCompletedEventAttributes)
                  .filter(
                      e ->
                          e.getActivityTaskCompletedEventAttributes().getScheduledEventId()
                              == scheduledId))
          .hasSize(1);
    } finally {
      stubs.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Processes

  private Child startApp(String name) {
    int httpPort = TestPorts.free();
    Child app =
        start(
            name,
            "-Xmx512m",
            "--clinicflow.roles=api,worker",
            "--server.port=" + httpPort,
            "--clinicflow.temporal.address=127.0.0.1:" + temporalPort,
            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
            "--spring.datasource.username=postgres",
            "--spring.flyway.locations=classpath:db/migration,classpath:db/demo",
            "--clinicflow.gemini.api-key=test-key",
            "--clinicflow.gemini.base-url=http://127.0.0.1:" + gemini.port() + "/",
            "--clinicflow.evolution.base-url=http://127.0.0.1:" + evolution.port(),
            "--clinicflow.evolution.api-key=test",
            "--clinicflow.evolution.webhook-secret=" + WEBHOOK_SECRET,
            "--clinicflow.conversation.debounce=PT0.5S");
    app.httpPort = httpPort;
    await(name + " to be healthy", Duration.ofSeconds(90), () -> healthy(app));
    return app;
  }

  /**
   * A JVM like this one, with this test's class path (under surefire a manifest-only jar, which
   * works as {@code -cp} too) and Spring's {@code --key=value} arguments.
   */
  private static Child start(String name, String heap, String... springArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    // Start-up speed over peak speed: these JVMs live for a minute on a shared 2-core machine.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ClinicFlowApplication.class.getName());
    command.addAll(List.of(springArgs));
    Path log = LOGS.resolve(name + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Child child = new Child(name, process, log);
      children.add(child);
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
  }

  private static boolean healthy(Child app) {
    app.alive();
    return ActuatorHealth.up(app.httpPort);
  }

  private static void sendPatientMessage(int httpPort) throws IOException, InterruptedException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode webhook;
    try (InputStream in =
        WorkerCrashIT.class.getResourceAsStream("/fixtures/evolution/messages-upsert-text.json")) {
      webhook = (ObjectNode) json.readTree(in);
    }
    webhook.put("instance", INSTANCE);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/webhooks/evolution"))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", WEBHOOK_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(webhook)))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("accepted");
  }

  private static List<LoggedRequest> geminiCalls() {
    return sorted(gemini.findAll(postRequestedFor(urlPathMatching(GEMINI_PATH))));
  }

  /** Every sendText, well-formed or not: a duplicate must be counted whatever it looks like. */
  private static List<LoggedRequest> sendTextCalls() {
    return sorted(evolution.findAll(postRequestedFor(urlPathEqualTo(SEND_TEXT_PATH))));
  }

  private static List<LoggedRequest> sorted(List<LoggedRequest> requests) {
    List<LoggedRequest> copy = new ArrayList<>(requests);
    copy.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
    return copy;
  }

  private static DataSource database() {
    return postgres.getPostgresDatabase();
  }

  /** Measured, not asserted: how long the patient waited because of the crash. */
  private static void report(
      Instant killedAt, Instant secondReadyAt, Instant retriedAt, Instant replySentAt) {
    System.out.printf(
        "[WorkerCrashIT] after the kill: second worker healthy %.1f s, LLM call retried %.1f s,"
            + " reply sent %.1f s%n",
        seconds(killedAt, secondReadyAt),
        seconds(killedAt, retriedAt),
        seconds(killedAt, replySentAt));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Timed out after " + timeout + " waiting for " + what + diagnostics() + tails());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what);
      }
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** What the fakes saw and where the conversation's workflow stands. */
  private static String diagnostics() {
    StringBuilder out = new StringBuilder("\n----- fakes and workflow -----\n");
    out.append("gemini calls at ")
        .append(geminiCalls().stream().map(r -> r.getLoggedDate().toInstant()).toList())
        .append("\nsendText calls at ")
        .append(sendTextCalls().stream().map(r -> r.getLoggedDate().toInstant()).toList())
        .append('\n');
    if (temporalPort == 0) {
      return out.toString();
    }
    WorkflowServiceStubs stubs = temporalStubs();
    try {
      for (HistoryEvent event :
          WorkflowClient.newInstance(stubs).fetchHistory(WORKFLOW_ID).getEvents()) {
        out.append(event.getEventId()).append(' ').append(event.getEventType()).append('\n');
      }
      var pending =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID))
                      .build())
              .getPendingActivitiesList();
      pending.forEach(
          a ->
              out.append("pending ")
                  .append(a.getActivityType().getName())
                  .append(" state=")
                  .append(a.getState())
                  .append(" attempt=")
                  .append(a.getAttempt())
                  .append(" lastFailure=")
                  .append(a.getLastFailure().getMessage())
                  .append('\n'));
    } catch (RuntimeException e) {
      out.append("workflow not readable: ").append(e).append('\n');
    } finally {
      stubs.shutdownNow();
    }
    return out.toString();
  }

  private static WorkflowServiceStubs temporalStubs() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
  }

  private static String tails() {
    return children.stream().map(c -> c.tail(60)).collect(Collectors.joining());
  }

  /** A child JVM and its log. */
  private static final class Child {
    final String name;
    final Process process;
    final Path log;
    int httpPort;

    Child(String name, Process process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    /** True, or fails at once with the logs: no point waiting out a deadline for a dead child. */
    boolean alive() {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + tails());
      }
      return true;
    }

    /** SIGKILL on Linux, then wait for the process to be gone. */
    void kill() {
      process.destroyForcibly();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new AssertionError(name + " did not die within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String tail(int lines) {
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "\n----- last lines of "
            + log
            + " -----\n"
            + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException | UncheckedIOException e) {
        return "\n----- " + log + " unreadable: " + e.getMessage();
      }
    }
  }
}
