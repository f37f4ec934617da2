package com.clinicflow.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The 200 answer to Evolution: {@code accepted}, {@code duplicate} or {@code ignored}, and the
 * conversation's workflow id when the message belongs to one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookAck(
    @Schema(allowableValues = {"accepted", "duplicate", "ignored"}) @JsonProperty("status")
        String status,
    @Schema(description = "patient:{tenant_id}:{contact}", nullable = true)
        @JsonProperty("workflow_id")
        String workflowId) {

  static WebhookAck of(WebhookOutcome outcome, String workflowId) {
    return new WebhookAck(outcome.tag(), workflowId);
  }
}
