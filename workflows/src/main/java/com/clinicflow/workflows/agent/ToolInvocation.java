package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tool call to run on behalf of a conversation. Scope comes from the workflow, never from the
 * model: the tool acts for {@code tenantId} and {@code contact} whatever the arguments say.
 *
 * @param tenantId the clinic
 * @param contact the patient (conversation key) or, for staff, the staff chat
 * @param conversationId workflow id of the conversation, for logs and records
 * @param idempotencyKey made in the workflow; the same key never acts twice
 * @param call what the model asked for
 */
public record ToolInvocation(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("conversation_id") String conversationId,
    @JsonProperty("idempotency_key") String idempotencyKey,
    @JsonProperty("call") ToolCall call) {}
