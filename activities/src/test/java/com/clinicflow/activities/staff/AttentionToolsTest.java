package com.clinicflow.activities.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.activities.tools.ToolActivitiesImpl;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.OperatorRetry;
import com.clinicflow.workflows.patient.OperatorSkip;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The staff's tools for conversations that need attention, against embedded PostgreSQL and a
 * Temporal test server whose patient conversations only record their signals ({@link
 * StaffToolsTest.RecordingPatient}).
 */
class AttentionToolsTest {

  static final String WAITING = "5511900000010";

  TestWorkflowEnvironment env;
  ToolActivitiesImpl tools;
  ConversationRepository rows;
  PatientConversations conversations;

  @BeforeEach
  void setUp() {
    StaffToolsTest.patientSignals.clear();
    StaffToolsTest.nextAutomaticRetryAt = null;
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("alpha", "alpha_instance", -100L);
    EmbeddedDatabase.insertTenant("beta", "beta_instance", -200L);
    JdbcClient jdbc = EmbeddedDatabase.jdbc();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("q");
    worker.registerWorkflowImplementationTypes(StaffToolsTest.RecordingPatient.class);
    env.start();
    CachedTenants tenants =
        new CachedTenants(new TenantRepository(jdbc), null, Duration.ofMillis(1), null);
    conversations =
        new PatientConversations(env.getWorkflowClient(), "q", ConversationSettings.defaults());
    rows = new ConversationRepository(jdbc, TransactionOperations.withoutTransaction());
    StaffToolsConfiguration config = new StaffToolsConfiguration();
    tools =
        new ToolActivitiesImpl(
            List.of(
                config.patientsNeedingAttentionTool(tenants, rows, conversations),
                config.retryPatientConversationTool(tenants, rows, conversations),
                config.retryAllWaitingPatientsTool(tenants, rows, conversations),
                config.skipPatientTurnTool(tenants, rows, conversations)));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void theToolsAreOfferedToStaffOnly() {
    assertThat(tools.catalog(new ToolScope("alpha", ToolScope.Audience.PATIENT)).tools()).isEmpty();
    assertThat(tools.catalog(new ToolScope("alpha", ToolScope.Audience.STAFF)).tools())
        .extracting(ToolSpec::name)
        .containsExactlyInAnyOrder(
            "patients_needing_attention",
            "retry_patient_conversation",
            "retry_all_waiting_patients",
            "skip_patient_turn");
  }

  @Test
  void staffSeeTheirClinicsWaitingPatientsLongestWaitingFirstInTheClinicsTime() {
    needsAttention("alpha", "5511900000011", "UPSTREAM_UNAVAILABLE");
    needsAttention("alpha", "lid:98765432101234", "LLM_REFUSED");
    needsAttention("beta", "5511900000013", "UPSTREAM_UNAVAILABLE"); // another clinic's
    rows.changeStatus(
        new StatusChange("alpha", "5511900000014", "wf", ConversationStatus.ACTIVE, null, null));

    Map<String, Object> listed = call("alpha", "patients_needing_attention", Map.of());

    assertThat(listed).containsEntry("count", 2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> patients = (List<Map<String, Object>>) listed.get("patients");
    assertThat(patients)
        .extracting(p -> p.get("contact"))
        .containsExactly("5511900000011", "lid:98765432101234");
    Instant since = rows.find("alpha", "5511900000011").orElseThrow().needsAttentionSince();
    assertThat(patients.get(0))
        .containsEntry("error", "UPSTREAM_UNAVAILABLE")
        .containsEntry(
            "waiting_since",
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(since.atZone(ZoneId.of("America/Sao_Paulo"))));
  }

  /** A conversation that will heal by itself says when, so staff need not act (decision 0028). */
  @Test
  void aWaitingPatientWhoseConversationRetriesByItselfSaysWhen() throws Exception {
    StaffToolsTest.nextAutomaticRetryAt = Instant.parse("2026-11-30T12:35:00Z");
    runningAndWaiting("alpha", WAITING);
    needsAttention("alpha", "5511900000034", "UPSTREAM_UNAVAILABLE"); // its workflow is gone

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> patients =
        (List<Map<String, Object>>)
            call("alpha", "patients_needing_attention", Map.of()).get("patients");

    assertThat(patients)
        .filteredOn(p -> p.get("contact").equals(WAITING))
        .singleElement()
        .satisfies(p -> assertThat(p).containsEntry("retries_by_itself_at", "2026-11-30 09:35"));
    assertThat(patients)
        .filteredOn(p -> p.get("contact").equals("5511900000034"))
        .singleElement()
        .satisfies(p -> assertThat(p).doesNotContainKey("retries_by_itself_at"));
  }

  @Test
  void retryAndSkipSignalTheWaitingConversationOnBehalfOfTheStaffChat() throws Exception {
    runningAndWaiting("alpha", WAITING);
    String lid = "lid:98765432101234";
    runningAndWaiting("alpha", lid);

    Map<String, Object> retried =
        call("alpha", "retry_patient_conversation", Map.of("contact", "+55 11 90000-0010"));
    Map<String, Object> skipped = call("alpha", "skip_patient_turn", Map.of("contact", lid));

    assertThat(retried)
        .containsEntry("status", "retrying")
        .containsEntry("conversation", "patient:alpha:" + WAITING);
    assertThat(skipped)
        .containsEntry("status", "skipped")
        .containsEntry("conversation", "patient:alpha:" + lid);
    StaffToolsTest.eventually(
        () -> StaffToolsTest.patientSignals.stream().filter(this::operatorSignal).count() == 2);
    assertThat(StaffToolsTest.patientSignals)
        .filteredOn(this::operatorSignal)
        .containsExactlyInAnyOrder(
            new OperatorRetry("staff:alpha:-100"), new OperatorSkip("staff:alpha:-100"));
  }

  /** After an outage: every one of the clinic's waiting patients, and no other clinic's. */
  @Test
  void retryAllSignalsEachOfTheClinicsWaitingConversations() throws Exception {
    runningAndWaiting("alpha", "5511900000031");
    runningAndWaiting("alpha", "5511900000032");
    needsAttention("alpha", "5511900000033", "UPSTREAM_UNAVAILABLE"); // its workflow is gone
    runningAndWaiting("beta", "5511900000034");

    Map<String, Object> answer = call("alpha", "retry_all_waiting_patients", Map.of());

    assertThat(answer).containsEntry("retrying", 2).containsEntry("no_longer_running", 1);
    StaffToolsTest.eventually(
        () -> StaffToolsTest.patientSignals.stream().filter(this::operatorSignal).count() == 2);
    Thread.sleep(300); // beta's conversation, had it been signalled, would have recorded it
    assertThat(StaffToolsTest.patientSignals)
        .filteredOn(this::operatorSignal)
        .containsExactly(
            new OperatorRetry("staff:alpha:-100"), new OperatorRetry("staff:alpha:-100"));
  }

  @Test
  void onlyTheClinicsOwnWaitingConversationsAreSignalled() throws Exception {
    runningAndWaiting("beta", WAITING); // the same number, waiting at another clinic
    conversations.pause(clinic("alpha"), "5511900000020", new BotPause(Duration.ZERO, "t"));

    assertThat(error(call("alpha", "retry_patient_conversation", Map.of("contact", WAITING))))
        .contains("no conversation with", "is waiting for attention");
    assertThat(error(call("alpha", "skip_patient_turn", Map.of("contact", "5511900000020"))))
        .contains("no conversation with", "is waiting for attention"); // running, but not waiting
    assertThat(error(call("alpha", "retry_patient_conversation", Map.of("contact", "12"))))
        .contains("contact must be");
    Thread.sleep(300); // a signal, had one gone out, would have been recorded by now
    assertThat(StaffToolsTest.patientSignals).noneMatch(this::operatorSignal);
  }

  @Test
  void aWaitingRowWhoseConversationNoLongerRunsIsSaidSo() {
    needsAttention("alpha", WAITING, "UPSTREAM_UNAVAILABLE"); // no workflow behind it

    assertThat(error(call("alpha", "retry_patient_conversation", Map.of("contact", WAITING))))
        .contains("no longer running");
  }

  private boolean operatorSignal(Object signal) {
    return signal instanceof OperatorRetry || signal instanceof OperatorSkip;
  }

  /** A running conversation (started by a signal-with-start) that its row says is waiting. */
  private void runningAndWaiting(String tenant, String contact) throws Exception {
    conversations.pause(clinic(tenant), contact, new BotPause(Duration.ZERO, "setup"));
    needsAttention(tenant, contact, "UPSTREAM_UNAVAILABLE");
  }

  private static TenantConfig clinic(String tenant) {
    return new TenantRepository(EmbeddedDatabase.jdbc()).findById(tenant).orElseThrow();
  }

  private void needsAttention(String tenant, String contact, String error) {
    needsAttention(rows, tenant, contact, error);
  }

  /** The conversation's row says it waits for attention after {@code error}. */
  static void needsAttention(
      ConversationRepository rows, String tenant, String contact, String error) {
    rows.changeStatus(
        new StatusChange(
            tenant,
            contact,
            "patient:" + tenant + ":" + contact,
            ConversationStatus.NEEDS_ATTENTION,
            null,
            error));
  }

  private Map<String, Object> call(String tenant, String tool, Map<String, Object> args) {
    return tools.invoke(StaffToolsTest.staffCall(tenant, "k", tool, args)).response();
  }

  private static String error(Map<String, Object> response) {
    assertThat(response).containsKey("error");
    return response.get("error").toString();
  }
}
