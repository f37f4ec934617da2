package com.clinicflow.workflows.messaging;

import io.temporal.activity.ActivityInterface;

/**
 * Sends WhatsApp messages through Evolution ({@code POST /message/sendText/{instance}}).
 *
 * <p>Idempotent by {@link OutboundMessage#idempotencyKey()}: the key is recorded in PostgreSQL
 * before the call and marked sent after it, so a retry after a successful send sends nothing. An
 * unknown number (400 {@code exists:false}) is {@code NOT_FOUND}, not retried; 5xx and I/O are
 * retried by Temporal.
 */
@ActivityInterface(namePrefix = "WhatsApp.")
public interface WhatsAppActivities {

  SendReceipt sendText(OutboundMessage message);
}
