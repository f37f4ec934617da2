package com.clinicflow.activities.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** One stored line of {@code tenant_activity_log}, as the admin API shows it. */
public record ActivityLogRecord(
    @JsonProperty("id") long id,
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("event_type") String eventType,
    @JsonProperty("details") Map<String, Object> details,
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("created_at") Instant createdAt) {}
