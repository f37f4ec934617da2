package com.clinicflow.api.tenants;

import com.clinicflow.api.AdminApi;
import com.clinicflow.api.errors.ApiError;
import com.clinicflow.api.errors.ApiException;
import com.clinicflow.api.errors.InvalidFieldException;
import com.clinicflow.api.errors.UnknownTenantException;
import com.clinicflow.workflows.common.HeaderValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-tenant secrets, write-only: a value goes in (encrypted at rest with AES-GCM under the master
 * key) and never comes out of this API, its logs or workflow payloads. Only names are listed.
 */
@RestController
@RequestMapping(
    path = "/api/tenants/{tenant_id}/secrets",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tenants")
@AdminApi
@ApiResponse(
    responseCode = "404",
    description = "unknown_tenant (or unknown_secret on delete)",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
class TenantSecretsController {

  static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
  static final int MAX_VALUE_BYTES = 32 * 1024;

  /** Secrets ClinicFlow sends in an HTTP header or URL: keys and tokens, one word each. */
  static final Set<String> SENT_IN_HEADERS =
      Set.of("gemini_api_key", "evolution_api_key", "telegram_bot_token");

  private static final String TENANT_ID = "tenant_id";
  private static final String NAME_DESCRIPTION =
      "Secret name: lower-case letters, digits and '_' (e.g. gemini_api_key, evolution_api_key,"
          + " telegram_bot_token).";

  private final TenantDirectory tenants;
  private final TenantSecretStore secrets;

  TenantSecretsController(TenantDirectory tenants, TenantSecretStore secrets) {
    this.tenants = tenants;
    this.secrets = secrets;
  }

  @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "putTenantSecret",
      summary = "Set a tenant secret (write-only)",
      description =
          "Stores the value encrypted under clinicflow.security.master-key; it overrides the"
              + " shared setting for this clinic (gemini_api_key, evolution_api_key,"
              + " telegram_bot_token). The value is never returned or logged.")
  @ApiResponse(responseCode = "204", description = "Stored.")
  @ApiResponse(
      responseCode = "400",
      description =
          "Invalid name, or value missing, blank or above 32 KiB; a key or token (gemini_api_key,"
              + " evolution_api_key, telegram_bot_token) that is not one word of printable"
              + " ASCII.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(
      responseCode = "409",
      description = "secrets_disabled: the server has no master key configured.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ResponseEntity<Void> put(
      @PathVariable(TENANT_ID) String tenantId,
      @Parameter(description = NAME_DESCRIPTION) @PathVariable("name") String name,
      @RequestBody SecretValue body) {
    validName(name);
    String value = body.value();
    if (value == null || value.isBlank()) {
      throw new InvalidFieldException("value", "value is required and cannot be blank.");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
      throw new InvalidFieldException("value", "value must be at most 32 KiB.");
    }
    if (SENT_IN_HEADERS.contains(name) && !HeaderValues.usable(value)) {
      // Refused here, where the operator sees why: an HTTP client would refuse it at every call,
      // quoting it in its error. Never echoed back.
      throw new InvalidFieldException(
          "value",
          name
              + " must be one word of printable ASCII, without spaces or line breaks (check for a"
              + " line break at its end).");
    }
    tenants.require(tenantId);
    if (!secrets.enabled()) {
      throw new SecretsDisabledException();
    }
    if (!secrets.put(tenantId, name, value)) {
      // deleted between the check and the write
      throw new UnknownTenantException(tenantId);
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping
  @Operation(
      operationId = "listTenantSecrets",
      summary = "List a tenant's secret names",
      description = "Names only; values are never returned.")
  @ApiResponse(
      responseCode = "200",
      description = "The names.",
      content = @Content(schema = @Schema(implementation = TenantSecretNames.class)))
  TenantSecretNames list(@PathVariable(TENANT_ID) String tenantId) {
    tenants.require(tenantId);
    return new TenantSecretNames(tenantId, secrets.enabled(), secrets.names(tenantId));
  }

  @DeleteMapping("/{name}")
  @Operation(
      operationId = "deleteTenantSecret",
      summary = "Delete a tenant secret",
      description = "The shared setting applies to this clinic again.")
  @ApiResponse(responseCode = "204", description = "Deleted.")
  @ApiResponse(
      responseCode = "400",
      description = "Invalid name.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ResponseEntity<Void> delete(
      @PathVariable(TENANT_ID) String tenantId,
      @Parameter(description = NAME_DESCRIPTION) @PathVariable("name") String name) {
    validName(name);
    tenants.require(tenantId);
    if (!secrets.delete(tenantId, name)) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "unknown_secret",
          "Tenant '" + tenantId + "' has no secret '" + name + "'.");
    }
    return ResponseEntity.noContent().build();
  }

  private static void validName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidFieldException(
          "name",
          "name must be 1 to 64 lower-case letters, digits or '_', starting with a letter.");
    }
  }
}
