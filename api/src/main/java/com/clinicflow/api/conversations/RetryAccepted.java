package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The retry signal was delivered; the turn runs again in the background. */
@Schema(description = "The retry signal was delivered to the conversation's workflow.")
public record RetryAccepted(
    @Schema(allowableValues = "signalled") @JsonProperty("status") String status,
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("requested_by") String requestedBy) {}
