package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** Optional body of a retry or a skip: who asks (kept in the workflow's history). */
@Schema(description = "Optional body of a retry or a skip.")
public record OperatorRequest(
    @Schema(description = "Who asks; default admin-api.", example = "maria")
        @JsonProperty("requested_by")
        String requestedBy) {}
