package com.clinicflow.workflows.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A WhatsApp message to send through a clinic's Evolution instance.
 *
 * @param idempotencyKey made in the workflow; a second send with the same key sends nothing
 * @param tenantId the clinic (its own instance token overrides the shared key when set)
 * @param instanceName the clinic's Evolution instance
 * @param recipient phone digits, or a full JID when only a LID is known
 * @param text what to send
 */
public record OutboundMessage(
    @JsonProperty("idempotency_key") String idempotencyKey,
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("recipient") String recipient,
    @JsonProperty("text") String text) {}
