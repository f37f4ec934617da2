package com.clinicflow.api.conversations;

import com.clinicflow.api.AdminApi;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.InvalidFieldException;
import com.clinicflow.api.errors.UnknownTenantResponse;
import com.clinicflow.api.tenants.TenantDirectory;
import com.clinicflow.workflows.conversation.ConversationStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' lists of conversations, from PostgreSQL (the embedded Temporal server has no list
 * API): a clinic's conversations, and those waiting for an operator. Rows only, never a message.
 */
@RestController
@RequestMapping(path = "/api/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations")
@AdminApi
@ApiResponse(
    responseCode = "400",
    description =
        "invalid_field: limit out of range, or (list) tenant_id missing or status unknown.",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@UnknownTenantResponse
class ConversationListsController {

  private static final String TENANT_ID = "tenant_id";
  private static final String LIMIT = "limit";

  private final ConversationRecords records;
  private final TenantDirectory tenants;

  ConversationListsController(ConversationRecords records, TenantDirectory tenants) {
    this.records = records;
    this.tenants = tenants;
  }

  @GetMapping
  @Operation(
      operationId = "listConversations",
      summary = "A clinic's conversations",
      description =
          "The clinic's conversations as PostgreSQL records them (contact, WhatsApp name,"
              + " status, pause, last message and reply, last error), the most recently changed"
              + " first, at most limit; with status, only those in it (PAUSED: where staff took"
              + " over).")
  @ApiResponse(
      responseCode = "200",
      description = "The conversations.",
      content = @Content(schema = @Schema(implementation = ConversationList.class)))
  ConversationList list(
      @Parameter(description = "The clinic.", required = true)
          @RequestParam(name = TENANT_ID, required = false)
          String tenantId,
      @Parameter(
              description = "Only conversations in this status (ACTIVE, PAUSED, NEEDS_ATTENTION).")
          @RequestParam(name = "status", required = false)
          String status,
      @Parameter(description = "At most this many, 1 to " + ConversationLimits.MAX + ".")
          @RequestParam(name = LIMIT, defaultValue = "100")
          int limit) {
    if (tenantId == null || tenantId.isBlank()) {
      throw new InvalidFieldException(TENANT_ID, "tenant_id is required.");
    }
    ConversationStatus wanted = status(status);
    ConversationLimits.check(limit);
    tenants.require(tenantId);
    List<StoredConversation> found = records.recent(tenantId, wanted, limit);
    return new ConversationList(tenantId, wanted, found.size(), found);
  }

  @GetMapping("/attention")
  @Operation(
      operationId = "conversationsNeedingAttention",
      summary = "Conversations needing attention",
      description =
          "Conversations whose turn failed past its retry budget and that wait for an operator's"
              + " retry, longest waiting first, from PostgreSQL. With tenant_id, that clinic's;"
              + " without, every clinic's (at most limit).")
  @ApiResponse(
      responseCode = "200",
      description = "The conversations.",
      content = @Content(schema = @Schema(implementation = AttentionList.class)))
  AttentionList attention(
      @Parameter(description = "Only this clinic; omit for every clinic.")
          @RequestParam(name = TENANT_ID, required = false)
          String tenantId,
      @Parameter(
              description =
                  "At most this many, 1 to " + ConversationLimits.MAX + " (all clinics only).")
          @RequestParam(name = LIMIT, defaultValue = "100")
          int limit) {
    ConversationLimits.check(limit);
    if (tenantId == null || tenantId.isBlank()) {
      return attentionList(null, records.needingAttentionInAllTenants(null, limit));
    }
    tenants.require(tenantId);
    return attentionList(tenantId, records.needingAttention(tenantId, null, Integer.MAX_VALUE));
  }

  private static AttentionList attentionList(String tenantId, List<StoredConversation> waiting) {
    return new AttentionList(tenantId, waiting.size(), waiting);
  }

  private static ConversationStatus status(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return ConversationStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          "status", "status must be one of " + Arrays.toString(ConversationStatus.values()) + ".");
    }
  }
}
