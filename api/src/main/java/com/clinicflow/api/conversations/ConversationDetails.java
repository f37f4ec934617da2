package com.clinicflow.api.conversations;

import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.patient.ConversationView;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One conversation for an operator: the workflow's live state when it runs, and the PostgreSQL row.
 * {@code status} is the live one when the workflow runs (PostgreSQL may lag by an activity), else
 * the recorded one.
 */
@Schema(description = "A conversation: live workflow state and recorded row.")
public record ConversationDetails(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("workflow_id") String workflowId,
    @Schema(description = "false when the workflow completed (idle) or never ran on this server.")
        @JsonProperty("workflow_running")
        boolean workflowRunning,
    @JsonProperty("status") ConversationStatus status,
    @Schema(description = "The workflow's state query; null when it is not running.")
        @JsonProperty("live")
        ConversationView live,
    @Schema(description = "The PostgreSQL row; null before anything was recorded.")
        @JsonProperty("stored")
        StoredConversation stored) {}
