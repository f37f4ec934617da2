package com.clinicflow.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The 200 answer to a webhook: {@code accepted}, {@code duplicate} or {@code ignored}, and the
 * conversation's workflow id — null when the update belongs to none (an ignored group message): the
 * key is always there, as the contract shows it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
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
