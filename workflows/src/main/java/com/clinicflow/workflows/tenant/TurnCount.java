package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Count one patient turn against a clinic's quota and log it, in one call.
 *
 * @param tenantId the clinic
 * @param turnKey the conversation's key of the turn (never null): the count runs again if a worker
 *     dies before recording it, and the database counts and logs a key once
 * @param channel the channel of the activity-log line ({@code WHATSAPP})
 * @param workflowId the conversation, named in the activity-log line
 */
public record TurnCount(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("turn_key") String turnKey,
    @JsonProperty("channel") String channel,
    @JsonProperty("workflow_id") String workflowId) {}
