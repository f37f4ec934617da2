package com.clinicflow.api.tenants;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of a clinic's activity log, newest first. */
@Schema(description = "A page of a clinic's activity log, newest first.")
public record ActivityLogPage(
    @JsonProperty("tenant_id") String tenantId,
    @Schema(description = "Page number, from 0 (the newest lines).") @JsonProperty("page") int page,
    @JsonProperty("size") int size,
    @Schema(description = "Whether an older page exists.") @JsonProperty("has_more")
        boolean hasMore,
    @JsonProperty("items") List<ActivityLogLine> items) {}
