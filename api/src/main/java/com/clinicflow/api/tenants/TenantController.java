package com.clinicflow.api.tenants;

import com.clinicflow.api.AdminApi;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.UnknownTenantException;
import com.clinicflow.api.errors.UnknownTenantResponse;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Admin API of tenants (clinics). The token check happens before this controller (see {@code
 * AdminTokenFilter}); validation in {@link TenantValidator}; storage behind {@link
 * TenantDirectory}. Deleting deactivates: a clinic's history (activity log, transcripts) is kept.
 */
@RestController
@RequestMapping(path = "/api/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tenants")
@AdminApi
class TenantController {

  private static final String TENANT_ID = "tenant_id";

  private static final String TRANSCRIPT_RETENTION =
      "transcript_retention_days (0 to 36500) is how long the clinic keeps its patients'"
          + " transcripts: whole turns older than that many days are deleted by the hourly"
          + " housekeeping round; 0 keeps them for ever; absent (null) follows the deployment's"
          + " clinicflow.retention.transcripts.";

  private final TenantDirectory tenants;
  private final TenantValidator validator;

  TenantController(TenantDirectory tenants, TenantValidator validator) {
    this.tenants = tenants;
    this.validator = validator;
  }

  @GetMapping
  @Operation(
      operationId = "listTenants",
      summary = "List tenants",
      description = "Tenants ordered by id, optionally only active or inactive ones.")
  @ApiResponse(
      responseCode = "200",
      description = "The tenants.",
      content =
          @Content(array = @ArraySchema(schema = @Schema(implementation = TenantConfig.class))))
  @ApiResponse(
      responseCode = "400",
      description = "A query parameter is invalid (e.g. active=maybe).",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  List<TenantConfig> list(
      @Parameter(description = "true = only active tenants, false = only inactive; omit for all.")
          @RequestParam(name = "active", required = false)
          Boolean active,
      @Parameter(description = "Matches the clinic name or the Evolution instance name.")
          @RequestParam(name = "search", required = false)
          String search) {
    return tenants.list(active, search == null || search.isBlank() ? null : search.trim());
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createTenant",
      summary = "Create a tenant",
      description =
          "Required: tenant_id (slug ^[a-z0-9][a-z0-9-]{0,62}$), clinic_name,"
              + " evolution_instance_name, system_prompt_patient, system_prompt_internal,"
              + " system_prompt_confirmation, fallback_message, quota_exceeded_message. Read-only"
              + " fields (current_message_count, quota_period_start, created_at, updated_at) are"
              + " ignored. "
              + TRANSCRIPT_RETENTION)
  @ApiResponse(
      responseCode = "201",
      description = "Created; Location names the new tenant.",
      headers = @Header(name = "Location", description = "URL of the new tenant."),
      content = @Content(schema = @Schema(implementation = TenantConfig.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON, or a field is missing or invalid (the message names it).",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "409",
      description =
          "The tenant_id, evolution_instance_name or telegram_internal_chat_id is already used"
              + " (the message names it).",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ResponseEntity<TenantConfig> create(@RequestBody TenantConfig tenant) {
    validator.validateCreate(tenant);
    TenantConfig created = tenants.create(writableFields(tenant, tenant.tenantId()));
    URI location =
        ServletUriComponentsBuilder.fromCurrentRequestUri()
            .path("/{id}")
            .buildAndExpand(created.tenantId())
            .toUri();
    return ResponseEntity.created(location).body(created);
  }

  @GetMapping("/{tenant_id}")
  @Operation(operationId = "showTenant", summary = "Show a tenant")
  @ApiResponse(
      responseCode = "200",
      description = "The tenant.",
      content = @Content(schema = @Schema(implementation = TenantConfig.class)))
  @UnknownTenantResponse
  TenantConfig show(@PathVariable(TENANT_ID) String tenantId) {
    return tenants.require(tenantId);
  }

  @PatchMapping(path = "/{tenant_id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "updateTenant",
      summary = "Update some fields of a tenant",
      description =
          "Only the fields present (and not null) in the body change. tenant_id may be given only"
              + " if equal to the URL's. Read-only fields are ignored. A null leaves a field as it"
              + " is; clear=FIELD[,FIELD] sets optional ones back to null: google_calendar_id,"
              + " google_tasks_list_id, mcp_calendar_endpoint, telegram_internal_chat_id,"
              + " transcript_retention_days (then the deployment's retention applies). "
              + TRANSCRIPT_RETENTION)
  @ApiResponse(
      responseCode = "200",
      description = "The tenant after the update.",
      content = @Content(schema = @Schema(implementation = TenantConfig.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON or an invalid field (the message names it).",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @UnknownTenantResponse
  @ApiResponse(
      responseCode = "409",
      description =
          "The new evolution_instance_name or telegram_internal_chat_id is used by another tenant.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  TenantConfig update(
      @PathVariable(TENANT_ID) String tenantId,
      @RequestBody TenantConfig patch,
      @Parameter(description = "Optional fields to set back to null, comma-separated.")
          @RequestParam(name = "clear", required = false)
          Set<String> clear) {
    Set<String> cleared = clear == null ? Set.of() : clear;
    validator.validatePatch(tenantId, patch, cleared);
    return tenants
        .update(tenantId, writableFields(patch, null), cleared)
        .orElseThrow(() -> new UnknownTenantException(tenantId));
  }

  @DeleteMapping("/{tenant_id}")
  @Operation(
      operationId = "deleteTenant",
      summary = "Delete (deactivate) a tenant",
      description =
          "Deactivates the tenant and keeps its history (activity log, conversations);"
              + " answers 200 with the deactivated tenant. POST …/activate brings it back.")
  @ApiResponse(
      responseCode = "200",
      description = "The tenant, now inactive.",
      content = @Content(schema = @Schema(implementation = TenantConfig.class)))
  @UnknownTenantResponse
  TenantConfig delete(@PathVariable(TENANT_ID) String tenantId) {
    return setActive(tenantId, false);
  }

  @PostMapping("/{tenant_id}/activate")
  @Operation(
      operationId = "activateTenant",
      summary = "Activate a tenant",
      description = "Its messages are served again.")
  @ApiResponse(
      responseCode = "200",
      description = "The tenant, now active.",
      content = @Content(schema = @Schema(implementation = TenantConfig.class)))
  @UnknownTenantResponse
  TenantConfig activate(@PathVariable(TENANT_ID) String tenantId) {
    return setActive(tenantId, true);
  }

  @PostMapping("/{tenant_id}/deactivate")
  @Operation(
      operationId = "deactivateTenant",
      summary = "Deactivate a tenant",
      description = "Its messages are no longer answered; configuration and history are kept.")
  @ApiResponse(
      responseCode = "200",
      description = "The tenant, now inactive.",
      content = @Content(schema = @Schema(implementation = TenantConfig.class)))
  @UnknownTenantResponse
  TenantConfig deactivate(@PathVariable(TENANT_ID) String tenantId) {
    return setActive(tenantId, false);
  }

  @PostMapping("/{tenant_id}/reset-quota")
  @Operation(
      operationId = "resetTenantQuota",
      summary = "Reset a tenant's message quota",
      description = "Starts a new quota period now: current_message_count goes back to 0.")
  @ApiResponse(
      responseCode = "200",
      description = "The tenant with its new quota period.",
      content = @Content(schema = @Schema(implementation = TenantConfig.class)))
  @UnknownTenantResponse
  TenantConfig resetQuota(@PathVariable(TENANT_ID) String tenantId) {
    if (!tenants.resetQuota(tenantId)) {
      throw new UnknownTenantException(tenantId);
    }
    return tenants.require(tenantId);
  }

  private TenantConfig setActive(String tenantId, boolean active) {
    if (!tenants.setActive(tenantId, active)) {
      throw new UnknownTenantException(tenantId);
    }
    return tenants.require(tenantId);
  }

  /**
   * The same tenant without the fields only the system writes (and, for a patch, without the id,
   * which the URL names and which never changes).
   */
  private static TenantConfig writableFields(TenantConfig t, String tenantId) {
    return new TenantConfig(
        tenantId,
        t.clinicName(),
        t.evolutionInstanceName(),
        t.googleCalendarId(),
        t.googleTasksListId(),
        t.mcpCalendarEndpoint(),
        t.telegramInternalChatId(),
        t.systemPromptPatient(),
        t.systemPromptInternal(),
        t.systemPromptConfirmation(),
        t.businessHours(),
        t.clinicInfo(),
        t.timezone(),
        t.language(),
        t.isActive(),
        t.monthlyMessageLimit(),
        null,
        null,
        t.fallbackMessage(),
        t.quotaExceededMessage(),
        t.transcriptRetentionDays(),
        null,
        null);
  }
}
