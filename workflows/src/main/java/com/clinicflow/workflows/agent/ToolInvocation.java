package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param audience whom the conversation is with: a tool runs only for the audience it is offered
 *     to; null in invocations scheduled before it was recorded (then the contact says: a staff chat
 *     is {@code telegram:{chat_id}})
 */
public record ToolInvocation(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("contact") String contact,
    @JsonProperty("conversation_id") String conversationId,
    @JsonProperty("idempotency_key") String idempotencyKey,
    @JsonProperty("call") ToolCall call,
    @JsonProperty("audience") ToolScope.Audience audience) {

  /** The contact prefix of a staff chat ({@code telegram:{chat_id}}). */
  public static final String STAFF_CHAT_PREFIX = "telegram:";

  @JsonCreator
  public ToolInvocation {}

  /** The tools this invocation may run: its clinic's, for its audience. */
  @JsonIgnore
  public ToolScope scope() {
    ToolScope.Audience who = audience;
    if (who == null) {
      who =
          contact != null && contact.startsWith(STAFF_CHAT_PREFIX)
              ? ToolScope.Audience.STAFF
              : ToolScope.Audience.PATIENT;
    }
    return new ToolScope(tenantId, who);
  }
}
