package com.clinicflow.workflows.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of a send.
 *
 * @param providerMessageId the gateway's id of the sent message (null in sandbox)
 * @param alreadySent true when the key had been sent before and nothing was sent now
 * @param sandboxed true when no gateway is configured and the message was only recorded
 */
public record SendReceipt(
    @JsonProperty("provider_message_id") String providerMessageId,
    @JsonProperty("already_sent") boolean alreadySent,
    @JsonProperty("sandboxed") boolean sandboxed) {}
