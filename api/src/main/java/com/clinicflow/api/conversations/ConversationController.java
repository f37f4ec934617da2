package com.clinicflow.api.conversations;

import com.clinicflow.api.AdminApi;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.ApiException;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.patient.ConversationView;
import com.clinicflow.workflows.patient.OperatorRetry;
import com.clinicflow.workflows.patient.OperatorSkip;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of one patient conversation: live state (the workflow's {@code state} query),
 * transcript (PostgreSQL), decoded Temporal history, and the retry or skip of a conversation
 * waiting for an operator ({@link ConversationListsController} lists conversations, {@link
 * PatientErasureController} erases a patient). Behind the admin token like all of {@code /api}. The
 * history and the transcript carry patient text: that is what they are for; error bodies never do.
 */
@RestController
@RequestMapping(path = "/api/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations")
@AdminApi
@ApiResponse(
    responseCode = "503",
    description =
        "temporal_unavailable: Temporal (or a worker, for the state query) did not answer.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
class ConversationController {

  private static final String TENANT_ID = "tenant_id";
  private static final String CONTACT = "contact";

  private final ConversationRecords records;
  private final ConversationWorkflows workflows;

  ConversationController(ConversationRecords records, ConversationWorkflows workflows) {
    this.records = records;
    this.workflows = workflows;
  }

  @GetMapping("/{tenant_id}/{contact}")
  @Operation(
      operationId = "showConversation",
      summary = "Show a conversation",
      description =
          "The workflow's live state (state query: status, pause, pending messages, turns, last"
              + " error, next_automatic_retry_at when a waiting turn will be tried again by"
              + " itself; no message text) when it runs, and the PostgreSQL row. A conversation"
              + " whose workflow completed (idle) answers from PostgreSQL with workflow_running"
              + " false. contact is the phone digits or lid:{digits}.")
  @ApiResponse(
      responseCode = "200",
      description = "The conversation.",
      content = @Content(schema = @Schema(implementation = ConversationDetails.class)))
  @ApiResponse(
      responseCode = "404",
      description = "unknown_conversation: no workflow runs and nothing is recorded.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ConversationDetails show(
      @PathVariable(TENANT_ID) String tenantId, @PathVariable(CONTACT) String contact) {
    String workflowId = ConversationKey.workflowId(tenantId, contact);
    Optional<ConversationView> live = workflows.state(workflowId);
    Optional<StoredConversation> stored = records.find(tenantId, contact);
    if (live.isEmpty() && stored.isEmpty()) {
      throw unknownConversation(tenantId);
    }
    ConversationStatus status =
        live.map(ConversationView::status).orElseGet(() -> stored.get().status());
    return new ConversationDetails(
        tenantId,
        contact,
        workflowId,
        live.isPresent(),
        status,
        live.orElse(null),
        stored.orElse(null));
  }

  @GetMapping("/{tenant_id}/{contact}/transcript")
  @Operation(
      operationId = "conversationTranscript",
      summary = "Transcript of a conversation",
      description =
          "The latest limit messages stored in PostgreSQL (the agent's memory), oldest first:"
              + " patient, model and tool messages with their turn, under every contact the"
              + " clinic knows the patient by (a phone and its learned WhatsApp LIDs). A media"
              + " part (media.mime_type: a voice note, a photo, a PDF) carries in transcript what"
              + " it says or shows once the model heard it. unanswered: what the patient wrote"
              + " that the running workflow holds and has not answered (a turn waiting for an"
              + " operator, messages inside the debounce window), not yet stored; absent when no"
              + " workflow runs or Temporal does not answer.")
  @ApiResponse(
      responseCode = "200",
      description = "The transcript.",
      content = @Content(schema = @Schema(implementation = ConversationTranscript.class)))
  @ApiResponse(
      responseCode = "400",
      description = "limit out of range.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "404",
      description = "unknown_conversation: nothing recorded for this contact.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ConversationTranscript transcript(
      @PathVariable(TENANT_ID) String tenantId,
      @PathVariable(CONTACT) String contact,
      @Parameter(description = "Latest messages to return, 1 to " + ConversationLimits.MAX + ".")
          @RequestParam(name = "limit", defaultValue = "100")
          int limit) {
    ConversationLimits.check(limit);
    List<TranscriptLine> messages = records.transcript(tenantId, contact, limit);
    if (messages.isEmpty() && records.find(tenantId, contact).isEmpty()) {
      throw unknownConversation(tenantId);
    }
    return new ConversationTranscript(
        tenantId,
        contact,
        limit,
        messages,
        workflows.unanswered(ConversationKey.workflowId(tenantId, contact)).orElse(null));
  }

  @GetMapping("/{tenant_id}/{contact}/history")
  @Operation(
      operationId = "conversationHistory",
      summary = "Temporal history of a conversation",
      description =
          "The events of the workflow's current run (or last run, if it completed) as Temporal's"
              + " proto3 JSON, with every payload decrypted and shown as its JSON value. Contains"
              + " patient text.")
  @ApiResponse(
      responseCode = "200",
      description = "The decoded history.",
      content = @Content(schema = @Schema(implementation = ConversationHistory.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no_history: Temporal has no run of this conversation's workflow.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ConversationHistory history(
      @PathVariable(TENANT_ID) String tenantId, @PathVariable(CONTACT) String contact) {
    String workflowId = ConversationKey.workflowId(tenantId, contact);
    return workflows
        .history(workflowId)
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.NOT_FOUND,
                    "no_history",
                    "Temporal has no run of this conversation's workflow."));
  }

  @PostMapping("/{tenant_id}/{contact}/retry")
  @Operation(
      operationId = "retryConversation",
      summary = "Retry a conversation that needs attention",
      description =
          "Sends the retry signal: the failed turn runs again where it stopped (tool calls done"
              + " and a reply sent are not repeated). Only a conversation in NEEDS_ATTENTION is"
              + " retried. The body is optional.")
  @OperatorSignalResponses
  ResponseEntity<OperatorSignalled> retry(
      @PathVariable(TENANT_ID) String tenantId,
      @PathVariable(CONTACT) String contact,
      @RequestBody(required = false) OperatorRequest body) {
    return signalWaiting(
        tenantId,
        contact,
        body,
        "retry",
        (workflowId, by) -> workflows.retry(workflowId, new OperatorRetry(by)));
  }

  @PostMapping("/{tenant_id}/{contact}/skip")
  @Operation(
      operationId = "skipConversationTurn",
      summary = "Give up the turn of a conversation that needs attention",
      description =
          "Sends the skip signal, for a turn no retry can answer (the model refuses what the"
              + " patient wrote): the turn is dropped — kept out of the model's memory, recorded as"
              + " turn_skipped in the activity log, its messages still in the Temporal history —"
              + " and the messages that came meanwhile are answered. Tool calls it made stand."
              + " Only a conversation in NEEDS_ATTENTION is skipped. The body is optional.")
  @OperatorSignalResponses
  ResponseEntity<OperatorSignalled> skip(
      @PathVariable(TENANT_ID) String tenantId,
      @PathVariable(CONTACT) String contact,
      @RequestBody(required = false) OperatorRequest body) {
    return signalWaiting(
        tenantId,
        contact,
        body,
        "skip",
        (workflowId, by) -> workflows.skip(workflowId, new OperatorSkip(by)));
  }

  /** Sends an operator's signal to a conversation in NEEDS_ATTENTION; {@code what} for messages. */
  private ResponseEntity<OperatorSignalled> signalWaiting(
      String tenantId,
      String contact,
      OperatorRequest body,
      String what,
      BiPredicate<String, String> signal) {
    String requestedBy = OperatorRequest.requester(body);
    String workflowId = ConversationKey.workflowId(tenantId, contact);
    ConversationView state =
        workflows.state(workflowId).orElseThrow(ConversationController::notRunning);
    if (state.status() != ConversationStatus.NEEDS_ATTENTION) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "not_waiting",
          "The conversation is "
              + state.status()
              + ", not NEEDS_ATTENTION: nothing to "
              + what
              + ".");
    }
    if (!signal.test(workflowId, requestedBy)) {
      throw notRunning();
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new OperatorSignalled("signalled", workflowId, requestedBy));
  }

  /** Never the contact in the body: a phone number is patient data (the caller has it anyway). */
  private static ApiException unknownConversation(String tenantId) {
    return new ApiException(
        HttpStatus.NOT_FOUND,
        "unknown_conversation",
        "Tenant '" + tenantId + "' has no conversation with this contact.");
  }

  private static ApiException notRunning() {
    return new ApiException(
        HttpStatus.NOT_FOUND,
        "workflow_not_running",
        "The conversation's workflow is not running: nothing waits for an operator.");
  }
}
