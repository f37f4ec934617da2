package com.clinicflow.api.conversations;

import com.clinicflow.api.AdminApi;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.UnknownTenantResponse;
import com.clinicflow.api.tenants.TenantDirectory;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.patient.OperatorRetry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The retry of many waiting conversations at once, for the night an outage (Gemini down, a key
 * revoked) left a conversation waiting for an operator in every busy clinic: after the fix, one
 * call instead of one per patient. The conversations come from PostgreSQL's attention list; each
 * gets the same {@code retry} signal as a single retry, and a workflow that no longer waits (its
 * row not yet updated) ignores it, so calling again is always safe.
 */
@RestController
@RequestMapping(path = "/api/conversations/attention", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations")
@AdminApi
class AttentionRetryController {

  private final ConversationRecords records;
  private final ConversationWorkflows workflows;
  private final TenantDirectory tenants;

  AttentionRetryController(
      ConversationRecords records, ConversationWorkflows workflows, TenantDirectory tenants) {
    this.records = records;
    this.workflows = workflows;
    this.tenants = tenants;
  }

  @PostMapping("/retry")
  @Operation(
      operationId = "retryConversationsNeedingAttention",
      summary = "Retry the conversations that need attention",
      description =
          "Sends the retry signal to the conversations waiting for an operator, longest waiting"
              + " first, at most limit (default 100): a clinic's with tenant_id, every clinic's"
              + " without; with last_error, only those that failed that way. Each failed turn"
              + " runs again where it stopped, as with a single retry. The turns run at once and"
              + " call Gemini at once: after a long outage, retry in rounds (a smaller limit)"
              + " and watch them answer. The body is optional.")
  @ApiResponse(
      responseCode = "202",
      description = "Signalled; the conversations go on in the background.",
      content = @Content(schema = @Schema(implementation = AttentionRetried.class)))
  @ApiResponse(
      responseCode = "400",
      description = "invalid_field: limit out of range, last_error or requested_by too long.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @UnknownTenantResponse
  @ApiResponse(
      responseCode = "503",
      description =
          "temporal_unavailable: Temporal did not answer. Conversations signalled before it"
              + " stopped answering go on; calling again is safe.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ResponseEntity<AttentionRetried> retryAll(
      @RequestBody(required = false) AttentionRetryRequest body) {
    AttentionRetryRequest request = body == null ? AttentionRetryRequest.ANY : body;
    String requestedBy = OperatorRequest.requester(request.requestedBy());
    String lastError = request.failureType();
    int limit = request.atMost();
    String tenantId = request.clinic();
    List<StoredConversation> waiting;
    if (tenantId == null) {
      waiting = records.needingAttentionInAllTenants(lastError, limit);
    } else {
      tenants.require(tenantId);
      waiting = records.needingAttention(tenantId, lastError, limit);
    }
    List<AttentionRetried.Retried> retried = new ArrayList<>(waiting.size());
    for (StoredConversation conversation : waiting) {
      String workflowId =
          ConversationKey.workflowId(conversation.tenantId(), conversation.contact());
      boolean signalled = workflows.retry(workflowId, new OperatorRetry(requestedBy));
      retried.add(
          new AttentionRetried.Retried(
              conversation.tenantId(),
              conversation.contact(),
              workflowId,
              conversation.lastError(),
              signalled ? AttentionRetried.SIGNALLED : AttentionRetried.NOT_RUNNING));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(AttentionRetried.of(requestedBy, retried));
  }
}
