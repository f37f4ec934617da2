package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message clinic staff asked (from Telegram) to send to this patient. Delivered by the patient's
 * own conversation, so it is in the transcript (as a staff message) and in the agent's memory.
 *
 * @param idempotencyKey made in the staff assistant's workflow: the conversation drops a repeated
 *     key, and the WhatsApp send is keyed by it
 * @param text what to send, as is
 * @param requestedBy who asked, for the activity log (e.g. {@code staff:alpha:-100123})
 */
public record StaffOutbound(
    @JsonProperty("idempotency_key") String idempotencyKey,
    @JsonProperty("text") String text,
    @JsonProperty("requested_by") String requestedBy) {}
