package com.clinicflow.api.tenants;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Which secrets a clinic has: names only, never values. */
@Schema(description = "The names of a clinic's secrets (never their values).")
public record TenantSecretNames(
    @JsonProperty("tenant_id") String tenantId,
    @Schema(description = "False when the server has no master key: secrets can't be stored.")
        @JsonProperty("secrets_enabled")
        boolean secretsEnabled,
    @JsonProperty("names") List<String> names) {}
