package com.clinicflow.api.conversations;

import static com.clinicflow.api.testapp.AdminRequests.admin;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryConversationRecords;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.Tenants;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.patient.OperatorRetry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code POST /api/conversations/attention/retry}: the night Gemini was down, every waiting
 * conversation (of a clinic, of a failure type) gets the retry signal in one call.
 */
@ApiTest
class AttentionRetryApiTest {

  static final String RETRY_ALL = "/api/conversations/attention/retry";
  static final String ANOTA = "clinica-anota";
  static final String BETA = "clinica-beta";

  @Autowired MockMvc mvc;
  @Autowired InMemoryConversationRecords records;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired WorkflowClient client;

  /** One stub per conversation's workflow, by workflow id. */
  final Map<String, WorkflowStub> stubs = new LinkedHashMap<>();

  @BeforeEach
  void setUp() {
    records.reset();
    tenants.reset();
    tenants.put(Tenants.anota());
    tenants.put(Tenants.tenant(BETA, "beta", null));
    waiting(ANOTA, "5511900000001", "UPSTREAM_UNAVAILABLE", "2025-11-10T03:00:00Z");
    waiting(ANOTA, "5511900000002", "LLM_REFUSED", "2025-11-10T03:01:00Z");
    waiting(BETA, "5511900000003", "UPSTREAM_UNAVAILABLE", "2025-11-10T03:02:00Z");
    waiting(ANOTA, "5511900000004", "UPSTREAM_UNAVAILABLE", "2025-11-10T03:03:00Z");
    records.put(row(ANOTA, "5511900000005", ConversationStatus.ACTIVE, null, null));
  }

  @AfterEach
  void resetClient() {
    // The client is shared by every @ApiTest class (one context).
    Mockito.reset(client);
  }

  @Test
  void everyWaitingConversationOfEveryClinicIsSignalledLongestWaitingFirst() throws Exception {
    mvc.perform(
            admin(post(RETRY_ALL))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"requested_by\":\"plantonista\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.requested_by").value("plantonista"))
        .andExpect(jsonPath("$.signalled").value(4))
        .andExpect(jsonPath("$.not_running").value(0))
        .andExpect(jsonPath("$.conversations[0].contact").value("5511900000001"))
        .andExpect(jsonPath("$.conversations[2].tenant_id").value(BETA))
        .andExpect(
            jsonPath("$.conversations[3].workflow_id").value("patient:clinica-anota:5511900000004"))
        .andExpect(jsonPath("$.conversations[3].last_error").value("UPSTREAM_UNAVAILABLE"))
        .andExpect(jsonPath("$.conversations[3].outcome").value("signalled"));

    for (String contact : new String[] {"5511900000001", "5511900000002", "5511900000004"}) {
      verify(stub(ANOTA, contact)).signal(eq("retry"), eq(new OperatorRetry("plantonista")));
    }
    verify(stub(BETA, "5511900000003")).signal(eq("retry"), eq(new OperatorRetry("plantonista")));
    verify(stub(ANOTA, "5511900000005"), never()).signal(anyString(), any());
  }

  @Test
  void aClinicAndAFailureTypeNarrowTheRetryAndTheLimitStopsIt() throws Exception {
    mvc.perform(
            admin(post(RETRY_ALL))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"tenant_id\":\"clinica-anota\",\"last_error\":\"upstream_unavailable\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.requested_by").value("admin-api"))
        .andExpect(jsonPath("$.signalled").value(2))
        .andExpect(jsonPath("$.conversations[0].contact").value("5511900000001"))
        .andExpect(jsonPath("$.conversations[1].contact").value("5511900000004"));
    verify(stub(ANOTA, "5511900000002"), never()).signal(anyString(), any());
    verify(stub(BETA, "5511900000003"), never()).signal(anyString(), any());

    mvc.perform(
            admin(post(RETRY_ALL)).contentType(MediaType.APPLICATION_JSON).content("{\"limit\":1}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.signalled").value(1))
        .andExpect(jsonPath("$.conversations.length()").value(1));
    verify(stub(ANOTA, "5511900000001"), Mockito.times(2)).signal(eq("retry"), any());
  }

  @Test
  void withoutABodyEveryWaitingConversationIsRetried() throws Exception {
    mvc.perform(admin(post(RETRY_ALL)))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.signalled").value(4));
  }

  @Test
  void aConversationWhoseWorkflowEndedIsReportedNotRunning() throws Exception {
    doThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder()
                    .setWorkflowId("patient:clinica-beta:5511900000003")
                    .build(),
                "PatientHandler",
                null))
        .when(stub(BETA, "5511900000003"))
        .signal(anyString(), any());

    mvc.perform(admin(post(RETRY_ALL)))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.signalled").value(3))
        .andExpect(jsonPath("$.not_running").value(1))
        .andExpect(jsonPath("$.conversations[2].outcome").value("not_running"));
    verify(stub(ANOTA, "5511900000004")).signal(eq("retry"), any());
  }

  @Test
  void badRequestsAreRefusedBeforeAnySignal() throws Exception {
    mvc.perform(
            admin(post(RETRY_ALL)).contentType(MediaType.APPLICATION_JSON).content("{\"limit\":0}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("invalid_field"))
        .andExpect(jsonPath("$.message").value(containsString("limit")));
    mvc.perform(
            admin(post(RETRY_ALL))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"last_error\":\"" + "X".repeat(101) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("last_error")));
    mvc.perform(
            admin(post(RETRY_ALL))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenant_id\":\"nenhuma\"}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("unknown_tenant"));
    mvc.perform(
            admin(post(RETRY_ALL))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"limit\":\"many\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(admin(post(RETRY_ALL)).contentType(MediaType.APPLICATION_JSON).content("{"))
        .andExpect(status().isBadRequest());
    mvc.perform(post(RETRY_ALL)).andExpect(status().isUnauthorized());
    stubs.values().forEach(s -> verify(s, never()).signal(anyString(), any()));
  }

  @Test
  void temporalNotAnsweringIs503AndCallingAgainIsSafe() throws Exception {
    doThrow(new StatusRuntimeException(Status.UNAVAILABLE))
        .when(stub(ANOTA, "5511900000001"))
        .signal(anyString(), any());
    mvc.perform(admin(post(RETRY_ALL)))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.error").value("temporal_unavailable"));
  }

  private void waiting(String tenant, String contact, String lastError, String since) {
    records.put(
        row(tenant, contact, ConversationStatus.NEEDS_ATTENTION, lastError, Instant.parse(since)));
  }

  private WorkflowStub stub(String tenant, String contact) {
    String workflowId = "patient:" + tenant + ":" + contact;
    return stubs.computeIfAbsent(
        workflowId,
        id -> {
          WorkflowStub stub = mock(WorkflowStub.class);
          when(client.newUntypedWorkflowStub(id)).thenReturn(stub);
          return stub;
        });
  }

  private StoredConversation row(
      String tenant, String contact, ConversationStatus status, String lastError, Instant since) {
    stub(tenant, contact);
    return ConversationAdminApiTest.row(tenant, contact, status, lastError, since);
  }
}
