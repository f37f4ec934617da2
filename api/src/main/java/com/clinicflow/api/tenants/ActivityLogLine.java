package com.clinicflow.api.tenants;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** One line of a clinic's activity log. */
@Schema(description = "One line of a clinic's activity log.")
public record ActivityLogLine(
    @JsonProperty("id") long id,
    @Schema(
            description =
                "message_received, reply_sent, quota_exceeded, inactive_tenant_message,"
                    + " needs_attention, whatsapp_connection, …")
        @JsonProperty("event_type")
        String eventType,
    @JsonProperty("details") Map<String, Object> details,
    @Schema(description = "The conversation workflow that wrote the line, if any.")
        @JsonProperty("workflow_id")
        String workflowId,
    @JsonProperty("created_at") Instant createdAt) {}
