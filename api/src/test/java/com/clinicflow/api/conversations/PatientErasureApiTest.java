package com.clinicflow.api.conversations;

import static com.clinicflow.api.testapp.AdminRequests.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryConversationRecords;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.Tenants;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.conversation.ConversationStatus;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code DELETE /api/conversations/{tenant}/{contact}} over the in-memory records and the test
 * application's mocked {@link WorkflowClient}.
 */
@ApiTest
class PatientErasureApiTest {

  static final String TENANT = "clinica-anota";
  static final String PHONE = "5511900000001";
  static final String LID = "lid:123456789012345";
  static final String BASE = "/api/conversations/" + TENANT + "/";
  static final String WORKFLOW = "patient:" + TENANT + ":" + PHONE;

  @Autowired MockMvc mvc;
  @Autowired InMemoryConversationRecords records;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired WorkflowClient client;

  final WorkflowStub phoneRun = mock(WorkflowStub.class);
  final WorkflowStub lidRun = mock(WorkflowStub.class);
  final WorkflowServiceBlockingStub temporal = mock(WorkflowServiceBlockingStub.class);

  @BeforeEach
  void setUp() {
    records.reset();
    tenants.reset();
    tenants.put(Tenants.anota());
    when(client.newUntypedWorkflowStub("patient:" + TENANT + ":" + PHONE)).thenReturn(phoneRun);
    when(client.newUntypedWorkflowStub("patient:" + TENANT + ":" + LID)).thenReturn(lidRun);
    WorkflowServiceStubs stubs = mock(WorkflowServiceStubs.class);
    when(stubs.blockingStub()).thenReturn(temporal);
    when(client.getWorkflowServiceStubs()).thenReturn(stubs);
    when(client.getOptions())
        .thenReturn(WorkflowClientOptions.newBuilder().setNamespace("clinicflow").build());
  }

  @AfterEach
  void resetClient() {
    Mockito.reset(client); // shared by every @ApiTest class (one context)
  }

  private void storedPatient(String contact) {
    Instant at = Instant.parse("2025-11-10T11:00:00Z");
    records.put(
        new StoredConversation(
            TENANT,
            contact,
            "whatsapp",
            "patient:" + TENANT + ":" + contact,
            ConversationStatus.ACTIVE,
            "Maria",
            null,
            at,
            at,
            null,
            null,
            at,
            at));
    records.putTranscript(
        TENANT,
        contact,
        List.of(
            new TranscriptLine(1, "t1", 0, ChatMessage.userText("Minha consulta"), at),
            new TranscriptLine(2, "t1", 1, ChatMessage.modelText("Amanhã às 10h"), at)));
  }

  /** The run an erasure ended (or one closed before), as Temporal describes it. */
  private static WorkflowExecutionDescription closedRun(String workflowId, String runId) {
    return run(workflowId, runId, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }

  private static WorkflowExecutionDescription run(
      String workflowId, String runId, WorkflowExecutionStatus status) {
    return new WorkflowExecutionDescription(
        DescribeWorkflowExecutionResponse.newBuilder()
            .setWorkflowExecutionInfo(
                WorkflowExecutionInfo.newBuilder()
                    .setExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                    .setStatus(status))
            .build(),
        DefaultDataConverter.newDefaultInstance());
  }

  private static WorkflowNotFoundException notRunning(String workflowId) {
    return new WorkflowNotFoundException(
        WorkflowExecution.newBuilder().setWorkflowId(workflowId).build(), "PatientHandler", null);
  }

  @Test
  void endsTheRunningConversationThenErasesEveryContactOfThePatient() throws Exception {
    storedPatient(PHONE);
    storedPatient(LID);
    records.link(TENANT, PHONE, LID);
    doThrow(notRunning(LID)).when(lidRun).terminate(anyString());
    when(phoneRun.describe()).thenReturn(closedRun(WORKFLOW, "run-9"));
    when(lidRun.describe()).thenThrow(notRunning(LID)); // never had a workflow
    when(temporal.deleteWorkflowExecution(any()))
        .thenReturn(DeleteWorkflowExecutionResponse.getDefaultInstance());

    mvc.perform(admin(delete(BASE + PHONE).param("requested_by", "dr-ana")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("erased"))
        .andExpect(jsonPath("$.tenant_id").value(TENANT))
        .andExpect(jsonPath("$.contacts").value(2))
        .andExpect(jsonPath("$.workflows_terminated").value(1))
        .andExpect(jsonPath("$.temporal_histories").value("deleted"))
        .andExpect(jsonPath("$.erased.conversations").value(2))
        .andExpect(jsonPath("$.erased.messages").value(4))
        .andExpect(jsonPath("$.requested_by").value("dr-ana"))
        .andExpect(content().string(not(containsString("123456789012345"))));

    assertThat(records.find(TENANT, PHONE)).isEmpty();
    assertThat(records.find(TENANT, LID)).isEmpty();
    assertThat(records.erasures).containsExactly(List.of(TENANT, List.of(PHONE, LID), "dr-ana"));
    InOrder order = Mockito.inOrder(phoneRun, temporal);
    order.verify(phoneRun).terminate("patient data erased");
    ArgumentCaptor<DeleteWorkflowExecutionRequest> asked =
        ArgumentCaptor.forClass(DeleteWorkflowExecutionRequest.class);
    order.verify(temporal).deleteWorkflowExecution(asked.capture());
    DeleteWorkflowExecutionRequest request = asked.getValue();
    assertThat(request.getNamespace()).isEqualTo("clinicflow");
    assertThat(request.getWorkflowExecution().getWorkflowId()).isEqualTo(WORKFLOW);
    assertThat(request.getWorkflowExecution().getRunId()).isEqualTo("run-9");
  }

  @Test
  void aConversationThePatientStartedAfterTheErasureIsLeftRunning() throws Exception {
    storedPatient(PHONE);
    when(phoneRun.describe())
        .thenReturn(
            run(WORKFLOW, "run-new", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));

    mvc.perform(admin(delete(BASE + PHONE)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workflows_terminated").value(1))
        .andExpect(jsonPath("$.temporal_histories").value("none"));

    verify(temporal, never()).deleteWorkflowExecution(any());
  }

  @Test
  void aTemporalServerThatCannotDeleteKeepsTheHistoriesUntilRetention() throws Exception {
    storedPatient(PHONE);
    when(phoneRun.describe()).thenReturn(closedRun(WORKFLOW, "run-9"));
    when(temporal.deleteWorkflowExecution(any()))
        .thenThrow(Status.UNIMPLEMENTED.asRuntimeException());

    mvc.perform(admin(delete(BASE + PHONE)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.temporal_histories").value("kept_until_retention"))
        .andExpect(jsonPath("$.erased.messages").value(2))
        .andExpect(jsonPath("$.requested_by").value("admin-api"));
  }

  @Test
  void erasingAgainFindsNothing() throws Exception {
    doThrow(notRunning(PHONE)).when(phoneRun).terminate(anyString());
    when(phoneRun.describe()).thenReturn(closedRun(WORKFLOW, "run-9"));
    // Deleted by the first erasure (a real server deletes asynchronously).
    when(temporal.deleteWorkflowExecution(any())).thenThrow(Status.NOT_FOUND.asRuntimeException());

    mvc.perform(admin(delete(BASE + PHONE)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.contacts").value(1))
        .andExpect(jsonPath("$.workflows_terminated").value(0))
        .andExpect(jsonPath("$.temporal_histories").value("none"))
        .andExpect(jsonPath("$.erased.conversations").value(0))
        .andExpect(jsonPath("$.erased.messages").value(0));
  }

  @Test
  void temporalUnreachableErasesNothing() throws Exception {
    storedPatient(PHONE);
    doThrow(Status.UNAVAILABLE.withDescription("io").asRuntimeException())
        .when(phoneRun)
        .terminate(anyString());

    mvc.perform(admin(delete(BASE + PHONE)))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("temporal_unavailable"));

    assertThat(records.erasures).isEmpty();
    assertThat(records.find(TENANT, PHONE)).isPresent();
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsTouched() throws Exception {
    mvc.perform(admin(delete(BASE + "maria")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid_field"))
        .andExpect(jsonPath("$.message").value(containsString("contact must be")));
    mvc.perform(admin(delete(BASE + PHONE).param("requested_by", "x".repeat(101))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("requested_by must be")));
    mvc.perform(admin(delete("/api/conversations/no-such-clinic/" + PHONE)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_tenant"));
    mvc.perform(delete(BASE + PHONE)).andExpect(status().isUnauthorized());

    verify(phoneRun, never()).terminate(anyString());
    assertThat(records.erasures).isEmpty();
  }
}
