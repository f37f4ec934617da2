package com.clinicflow.api.conversations;

import static com.clinicflow.api.testapp.AdminRequests.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryConversationRecords;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.Tenants;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.patient.ConversationView;
import com.clinicflow.workflows.patient.MessageKind;
import com.clinicflow.workflows.patient.OperatorRetry;
import com.clinicflow.workflows.patient.OperatorSkip;
import com.clinicflow.workflows.patient.UnansweredMessage;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The conversations admin API over the in-memory records and the test application's mocked {@link
 * WorkflowClient} (the Temporal side: describe, the state query, the retry signal, the history).
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class ConversationAdminApiTest {

  static final String TENANT = "clinica-anota";
  static final String CONTACT = "5511900000001";
  static final String WORKFLOW = "patient:clinica-anota:5511900000001";
  static final String BASE = "/api/conversations/" + TENANT + "/" + CONTACT;

  @Autowired MockMvc mvc;
  @Autowired InMemoryConversationRecords records;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired WorkflowClient client;

  final WorkflowStub stub = mock(WorkflowStub.class);

  @BeforeEach
  void setUp() {
    records.reset();
    tenants.reset();
    tenants.put(Tenants.anota());
    when(client.newUntypedWorkflowStub(anyString())).thenReturn(stub);
  }

  @AfterEach
  void resetClient() {
    // The client is shared by every @ApiTest class (one context).
    Mockito.reset(client);
  }

  private static WorkflowExecutionDescription run(WorkflowExecutionStatus status) {
    return new WorkflowExecutionDescription(
        DescribeWorkflowExecutionResponse.newBuilder()
            .setWorkflowExecutionInfo(
                WorkflowExecutionInfo.newBuilder()
                    .setExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW).setRunId("run-7"))
                    .setStatus(status))
            .build(),
        DefaultDataConverter.newDefaultInstance());
  }

  private void running(ConversationStatus status, String lastError) {
    when(stub.describe())
        .thenReturn(run(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));
    when(stub.query("state", ConversationView.class))
        .thenReturn(
            new ConversationView(
                TENANT,
                CONTACT,
                status,
                null,
                1,
                4,
                lastError,
                lastError == null ? null : Instant.parse("2025-11-10T11:35:00Z")));
  }

  private void noWorkflow() {
    when(stub.describe())
        .thenThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW).build(),
                "PatientHandler",
                null));
  }

  private static StoredConversation row(
      String tenant, String contact, ConversationStatus status, Instant since) {
    return row(
        tenant,
        contact,
        status,
        status == ConversationStatus.NEEDS_ATTENTION ? "UPSTREAM_UNAVAILABLE" : null,
        since);
  }

  /** A recorded conversation of Maria's, with the status, last error and waiting time given. */
  static StoredConversation row(
      String tenant, String contact, ConversationStatus status, String lastError, Instant since) {
    return new StoredConversation(
        tenant,
        contact,
        "whatsapp",
        "patient:" + tenant + ":" + contact,
        status,
        "Maria",
        null,
        Instant.parse("2025-11-10T11:00:00Z"),
        Instant.parse("2025-11-10T11:00:05Z"),
        lastError,
        since,
        Instant.parse("2025-11-01T10:00:00Z"),
        Instant.parse("2025-11-10T11:00:05Z"));
  }

  // ---- show ----------------------------------------------------------------------------------

  @Test
  void showGivesTheLiveStateAndTheStoredRow() throws Exception {
    running(ConversationStatus.NEEDS_ATTENTION, "UPSTREAM_UNAVAILABLE");
    records.put(
        row(TENANT, CONTACT, ConversationStatus.ACTIVE, null)); // PostgreSQL lags by an activity

    mvc.perform(admin(get(BASE)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW))
        .andExpect(jsonPath("$.workflow_running").value(true))
        .andExpect(jsonPath("$.status").value("NEEDS_ATTENTION"))
        .andExpect(jsonPath("$.live.pending_messages").value(1))
        .andExpect(jsonPath("$.live.turns_so_far").value(4))
        .andExpect(jsonPath("$.live.last_error").value("UPSTREAM_UNAVAILABLE"))
        .andExpect(jsonPath("$.live.next_automatic_retry_at").value("2025-11-10T11:35:00Z"))
        .andExpect(jsonPath("$.stored.status").value("ACTIVE"))
        .andExpect(jsonPath("$.stored.display_name").value("Maria"))
        .andExpect(jsonPath("$.stored.last_reply_at").value("2025-11-10T11:00:05Z"));
  }

  @Test
  void showOfACompletedWorkflowAnswersFromPostgresOnly() throws Exception {
    when(stub.describe())
        .thenReturn(run(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED));
    records.put(row(TENANT, CONTACT, ConversationStatus.ACTIVE, null));

    mvc.perform(admin(get(BASE)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflow_running").value(false))
        .andExpect(jsonPath("$.status").value("ACTIVE"))
        .andExpect(jsonPath("$.live").doesNotExist())
        .andExpect(jsonPath("$.stored.contact").value(CONTACT));
    verify(stub, never()).query(anyString(), any());
  }

  /** An unexpected failure logs the route it happened on, not the path holding the phone. */
  @Test
  void anUnexpectedFailureLogsTheRouteNotThePatientsPhone(CapturedOutput output) throws Exception {
    when(stub.describe()).thenThrow(new IllegalStateException("boom"));

    mvc.perform(admin(get(BASE)))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.error").value("internal_error"));

    assertThat(output)
        .contains("Unhandled java.lang.IllegalStateException")
        .contains("GET /api/conversations/{tenant_id}/{contact}")
        .doesNotContain(CONTACT);
  }

  @Test
  void showOfAConversationNobodyKnowsIs404() throws Exception {
    noWorkflow();
    mvc.perform(admin(get(BASE)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_conversation"))
        // A phone number is patient data: never in an error body.
        .andExpect(content().string(not(containsString(CONTACT))));
  }

  @Test
  void temporalUnreachableIs503WithoutDetails() throws Exception {
    when(stub.describe()).thenThrow(Status.UNAVAILABLE.withDescription("io").asRuntimeException());
    mvc.perform(admin(get(BASE)))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("temporal_unavailable"));
  }

  // ---- transcript ----------------------------------------------------------------------------

  @Test
  void transcriptGivesTheLatestMessagesOldestFirst() throws Exception {
    records.put(row(TENANT, CONTACT, ConversationStatus.ACTIVE, null));
    Instant at = Instant.parse("2025-11-10T11:00:00Z");
    records.putTranscript(
        TENANT,
        CONTACT,
        List.of(
            new TranscriptLine(1, "t1", 0, ChatMessage.userText("primeira"), at),
            new TranscriptLine(2, "t1", 1, ChatMessage.modelText("resposta"), at),
            new TranscriptLine(3, "t2", 0, ChatMessage.userText("segunda"), at)));

    mvc.perform(admin(get(BASE + "/transcript").param("limit", "2")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages", hasSize(2)))
        .andExpect(jsonPath("$.messages[0].seq").value(2))
        .andExpect(jsonPath("$.messages[0].message.role").value("MODEL"))
        .andExpect(jsonPath("$.messages[0].message.parts[0].text").value("resposta"))
        .andExpect(jsonPath("$.messages[1].turn_key").value("t2"))
        .andExpect(jsonPath("$.messages[1].message.parts[0].text").value("segunda"));
    mvc.perform(admin(get(BASE + "/transcript")))
        .andExpect(jsonPath("$.messages", hasSize(3)))
        .andExpect(jsonPath("$.limit").value(100));
    mvc.perform(admin(get(BASE + "/transcript").param("limit", "0")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid_field"));
    mvc.perform(admin(get("/api/conversations/" + TENANT + "/5500000000000/transcript")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_conversation"));
  }

  /**
   * The message a conversation waits on is not stored yet (a turn is saved once answered): the
   * running workflow's {@code unanswered} query tells it beside the transcript.
   */
  @Test
  void transcriptOfAWaitingConversationAddsWhatItsWorkflowHoldsUnanswered() throws Exception {
    waitingWithOneStoredMessage();
    running(ConversationStatus.NEEDS_ATTENTION, "UPSTREAM_UNAVAILABLE");
    when(stub.query("unanswered", UnansweredMessage[].class))
        .thenReturn(
            new UnansweredMessage[] {
              new UnansweredMessage(
                  Instant.parse("2025-11-10T12:00:00Z"), MessageKind.TEXT, "ainda sem resposta"),
              new UnansweredMessage(Instant.parse("2025-11-10T12:01:00Z"), MessageKind.AUDIO, null)
            });

    mvc.perform(admin(get(BASE + "/transcript")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages", hasSize(1)))
        .andExpect(jsonPath("$.unanswered", hasSize(2)))
        .andExpect(jsonPath("$.unanswered[0].sent_at").value("2025-11-10T12:00:00Z"))
        .andExpect(jsonPath("$.unanswered[0].kind").value("TEXT"))
        .andExpect(jsonPath("$.unanswered[0].text").value("ainda sem resposta"))
        .andExpect(jsonPath("$.unanswered[1].kind").value("AUDIO"));
  }

  /** A conversation waiting for attention whose transcript holds one earlier message. */
  private void waitingWithOneStoredMessage() {
    records.put(row(TENANT, CONTACT, ConversationStatus.NEEDS_ATTENTION, Instant.now()));
    records.putTranscript(
        TENANT,
        CONTACT,
        List.of(
            new TranscriptLine(
                1,
                "t1",
                0,
                ChatMessage.userText("primeira"),
                Instant.parse("2025-11-10T11:00:00Z"))));
  }

  /** The transcript is PostgreSQL's: Temporal not answering leaves out only what it holds. */
  @Test
  void transcriptIsReadWhenTemporalDoesNotAnswer() throws Exception {
    waitingWithOneStoredMessage();
    when(stub.describe()).thenThrow(Status.UNAVAILABLE.withDescription("io").asRuntimeException());

    mvc.perform(admin(get(BASE + "/transcript")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages", hasSize(1)))
        .andExpect(jsonPath("$.unanswered").doesNotExist());
  }

  // ---- list ----------------------------------------------------------------------------------

  /** {@code row} as last changed at {@code updatedAt}. */
  private static StoredConversation changedAt(StoredConversation row, String updatedAt) {
    return new StoredConversation(
        row.tenantId(),
        row.contact(),
        row.channel(),
        row.workflowId(),
        row.status(),
        row.displayName(),
        row.pausedUntil(),
        row.lastInboundAt(),
        row.lastReplyAt(),
        row.lastError(),
        row.needsAttentionSince(),
        row.createdAt(),
        Instant.parse(updatedAt));
  }

  @Test
  void listGivesAClinicsConversationsMostRecentlyChangedFirst() throws Exception {
    records.put(
        changedAt(row(TENANT, "551191", ConversationStatus.ACTIVE, null), "2025-11-10T09:00:00Z"));
    records.put(
        changedAt(row(TENANT, "551192", ConversationStatus.PAUSED, null), "2025-11-10T12:00:00Z"));
    records.put(
        changedAt(row(TENANT, "551193", ConversationStatus.ACTIVE, null), "2025-11-10T10:00:00Z"));
    records.put(
        changedAt(row("outra", "551194", ConversationStatus.ACTIVE, null), "2025-11-10T13:00:00Z"));

    mvc.perform(admin(get("/api/conversations").param("tenant_id", TENANT)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tenant_id").value(TENANT))
        .andExpect(jsonPath("$.count").value(3))
        .andExpect(jsonPath("$.conversations[0].contact").value("551192"))
        .andExpect(jsonPath("$.conversations[1].contact").value("551193"))
        .andExpect(jsonPath("$.conversations[2].contact").value("551191"))
        .andExpect(jsonPath("$.conversations[0].display_name").value("Maria"));
    mvc.perform(
            admin(get("/api/conversations").param("tenant_id", TENANT).param("status", "paused")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("PAUSED"))
        .andExpect(jsonPath("$.count").value(1))
        .andExpect(jsonPath("$.conversations[0].contact").value("551192"));
    mvc.perform(admin(get("/api/conversations").param("tenant_id", TENANT).param("limit", "1")))
        .andExpect(jsonPath("$.conversations", hasSize(1)));
  }

  @Test
  void listNeedsAKnownClinicAKnownStatusAndALimitInRange() throws Exception {
    mvc.perform(admin(get("/api/conversations")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid_field"))
        .andExpect(jsonPath("$.message").value("tenant_id is required."));
    mvc.perform(admin(get("/api/conversations").param("tenant_id", TENANT).param("status", "x")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.message")
                .value("status must be one of [ACTIVE, PAUSED, NEEDS_ATTENTION]."));
    mvc.perform(admin(get("/api/conversations").param("tenant_id", TENANT).param("limit", "501")))
        .andExpect(status().isBadRequest());
    mvc.perform(admin(get("/api/conversations").param("tenant_id", "nenhuma")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_tenant"));
  }

  // ---- attention -----------------------------------------------------------------------------

  @Test
  void attentionListsWaitingConversationsLongestWaitingFirst() throws Exception {
    records.put(
        row(
            TENANT,
            "551191",
            ConversationStatus.NEEDS_ATTENTION,
            Instant.parse("2025-11-10T12:00:00Z")));
    records.put(row(TENANT, "551192", ConversationStatus.ACTIVE, null));
    records.put(
        row(
            "outra",
            "551193",
            ConversationStatus.NEEDS_ATTENTION,
            Instant.parse("2025-11-10T09:00:00Z")));

    mvc.perform(admin(get("/api/conversations/attention")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.count").value(2))
        .andExpect(jsonPath("$.conversations[0].contact").value("551193"))
        .andExpect(jsonPath("$.conversations[1].contact").value("551191"))
        .andExpect(jsonPath("$.conversations[1].last_error").value("UPSTREAM_UNAVAILABLE"));
    mvc.perform(admin(get("/api/conversations/attention").param("limit", "1")))
        .andExpect(jsonPath("$.conversations", hasSize(1)));
    mvc.perform(admin(get("/api/conversations/attention").param("tenant_id", TENANT)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tenant_id").value(TENANT))
        .andExpect(jsonPath("$.count").value(1))
        .andExpect(
            jsonPath("$.conversations[0].workflow_id").value("patient:clinica-anota:551191"));
    mvc.perform(admin(get("/api/conversations/attention").param("tenant_id", "nenhuma")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_tenant"));
  }

  // ---- retry ---------------------------------------------------------------------------------

  @Test
  void retrySignalsAConversationThatNeedsAttention() throws Exception {
    running(ConversationStatus.NEEDS_ATTENTION, "UPSTREAM_UNAVAILABLE");

    mvc.perform(
            admin(post(BASE + "/retry"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"requested_by\":\"maria\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("signalled"))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW))
        .andExpect(jsonPath("$.requested_by").value("maria"));
    verify(stub).signal(eq("retry"), eq(new OperatorRetry("maria")));

    mvc.perform(admin(post(BASE + "/retry"))).andExpect(status().isAccepted());
    verify(stub).signal(eq("retry"), eq(new OperatorRetry("admin-api")));
    verify(client, Mockito.atLeastOnce()).newUntypedWorkflowStub(WORKFLOW);
  }

  @Test
  void retryOfAConversationNotWaitingIs409AndSignalsNothing() throws Exception {
    running(ConversationStatus.ACTIVE, null);
    mvc.perform(admin(post(BASE + "/retry")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("not_waiting"));
    verify(stub, never()).signal(anyString(), any());
  }

  @Test
  void retryWithoutARunningWorkflowIs404() throws Exception {
    noWorkflow();
    mvc.perform(admin(post(BASE + "/retry")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("workflow_not_running"))
        .andExpect(content().string(not(containsString(CONTACT))));
    Mockito.doReturn(run(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED))
        .when(stub)
        .describe();
    mvc.perform(admin(post(BASE + "/retry"))).andExpect(status().isNotFound());
    verify(stub, never()).signal(anyString(), any());
  }

  // ---- skip ----------------------------------------------------------------------------------

  @Test
  void skipSignalsAConversationThatNeedsAttentionAndNothingElse() throws Exception {
    running(ConversationStatus.NEEDS_ATTENTION, "LLM_REFUSED");

    mvc.perform(
            admin(post(BASE + "/skip"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"requested_by\":\"ana\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("signalled"))
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW))
        .andExpect(jsonPath("$.requested_by").value("ana"));
    verify(stub).signal(eq("skip"), eq(new OperatorSkip("ana")));
    verify(stub, never()).signal(eq("retry"), any());

    running(ConversationStatus.ACTIVE, null);
    mvc.perform(admin(post(BASE + "/skip")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("not_waiting"))
        .andExpect(jsonPath("$.message").value(containsString("skip")));
    noWorkflow();
    mvc.perform(admin(post(BASE + "/skip")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("workflow_not_running"));
    verify(stub, Mockito.times(1)).signal(anyString(), any());
  }

  // ---- history -------------------------------------------------------------------------------

  private static Payload json(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json))
        .build();
  }

  @Test
  void historyRendersEveryPayloadAsItsJsonValue() throws Exception {
    when(stub.describe())
        .thenReturn(run(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));
    History history =
        History.newBuilder()
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(1)
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                    .setWorkflowExecutionStartedEventAttributes(
                        WorkflowExecutionStartedEventAttributes.newBuilder()
                            .setInput(
                                Payloads.newBuilder()
                                    .addPayloads(json("{\"tenant_id\":\"clinica-anota\"}")))))
            .addEvents(
                HistoryEvent.newBuilder()
                    .setEventId(2)
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                    .setWorkflowExecutionSignaledEventAttributes(
                        WorkflowExecutionSignaledEventAttributes.newBuilder()
                            .setSignalName("message")
                            .setInput(
                                Payloads.newBuilder()
                                    .addPayloads(json("{\"text\":\"dor de dente\"}"))
                                    .addPayloads(
                                        Payload.newBuilder()
                                            .putMetadata(
                                                "encoding",
                                                ByteString.copyFromUtf8("binary/null"))))))
            .build();
    when(client.fetchHistory(WORKFLOW, "run-7")).thenReturn(new WorkflowExecutionHistory(history));

    String signal = "$.events[1].workflowExecutionSignaledEventAttributes";
    mvc.perform(admin(get(BASE + "/history")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflow_id").value(WORKFLOW))
        .andExpect(jsonPath("$.run_id").value("run-7"))
        .andExpect(jsonPath("$.workflow_running").value(true))
        .andExpect(jsonPath("$.events", hasSize(2)))
        .andExpect(jsonPath("$.events[0].eventType").value("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"))
        .andExpect(
            jsonPath(
                    "$.events[0].workflowExecutionStartedEventAttributes.input.payloads[0].tenant_id")
                .value("clinica-anota"))
        .andExpect(jsonPath(signal + ".signalName").value("message"))
        .andExpect(jsonPath(signal + ".input.payloads[0].text").value("dor de dente"))
        .andExpect(jsonPath(signal + ".input.payloads[1]").isEmpty());
  }

  @Test
  void historyOfAWorkflowTemporalDoesNotKnowIs404() throws Exception {
    noWorkflow();
    mvc.perform(admin(get(BASE + "/history")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no_history"))
        .andExpect(content().string(not(containsString(CONTACT))));
  }
}
