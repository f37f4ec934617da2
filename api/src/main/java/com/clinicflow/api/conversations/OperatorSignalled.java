package com.clinicflow.api.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The operator's signal (retry or skip) was delivered; the conversation goes on in the background.
 */
@Schema(description = "The retry or skip signal was delivered to the conversation's workflow.")
public record OperatorSignalled(
    @Schema(allowableValues = "signalled") @JsonProperty("status") String status,
    @JsonProperty("workflow_id") String workflowId,
    @JsonProperty("requested_by") String requestedBy) {}
