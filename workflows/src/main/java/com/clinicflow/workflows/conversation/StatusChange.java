package com.clinicflow.workflows.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A conversation's new status, mirrored to PostgreSQL so the admin API can list conversations that
 * need attention without asking Temporal.
 *
 * @param pausedUntil with {@code PAUSED}: when the bot resumes
 * @param reason with {@code NEEDS_ATTENTION}: failure type and activity, never message text
 */
public record StatusChange(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("status") ConversationStatus status,
    @JsonProperty("paused_until") Instant pausedUntil,
    @JsonProperty("reason") String reason) {}
