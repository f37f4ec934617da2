package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One line of a clinic's activity log. Details carry ids, counts and outcomes, never message text.
 *
 * @param tenantId the clinic, or null for an event no clinic could be tied to
 * @param eventType machine name of the event, e.g. {@code message_received}
 * @param details small JSON object of facts about the event
 * @param workflowId the workflow that saw it, so an operator can open its history
 */
public record ActivityLogEntry(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("event_type") String eventType,
    @JsonProperty("details") Map<String, Object> details,
    @JsonProperty("workflow_id") String workflowId) {}
