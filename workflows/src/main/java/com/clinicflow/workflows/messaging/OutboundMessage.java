package com.clinicflow.workflows.messaging;

import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A WhatsApp message to send through a clinic's Evolution instance.
 *
 * @param idempotencyKey made in the workflow; a second send with the same key sends nothing
 * @param tenantId the clinic (its own instance token overrides the shared key when set)
 * @param instanceName the clinic's Evolution instance
 * @param recipient phone digits, or a full JID when only a LID is known
 * @param text what to send
 * @param logLine the clinic's activity-log line that says the message went out (a reply's {@code
 *     reply_sent}), written in the same commit that records it as sent, once however often the send
 *     runs; null for none (and then left out of the JSON)
 */
public record OutboundMessage(
    @JsonProperty("idempotency_key") String idempotencyKey,
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("recipient") String recipient,
    @JsonProperty("text") String text,
    @JsonProperty("log_line") @JsonInclude(JsonInclude.Include.NON_NULL) ActivityLogEntry logLine) {

  /** A message whose send writes no log line. */
  public OutboundMessage(
      String idempotencyKey, String tenantId, String instanceName, String recipient, String text) {
    this(idempotencyKey, tenantId, instanceName, recipient, text, null);
  }

  /** This message, its send writing {@code line} when it records the message as sent. */
  public OutboundMessage loggedAs(ActivityLogEntry line) {
    return new OutboundMessage(idempotencyKey, tenantId, instanceName, recipient, text, line);
  }
}
