package com.clinicflow.workflows.staff;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The staff assistant of one Telegram chat. Id {@code staff:{tenant_id}:{chat_id}} ({@link
 * StaffStart#workflowId}); started or signalled with signal-with-start by the Telegram webhook (one
 * signal per update) and by alert raisers.
 *
 * <ul>
 *   <li>Updates are answered one at a time in {@code update_id} order; a repeated id is dropped
 *       (the API also dedupes in PostgreSQL).
 *   <li>Every update is authorised by TenantConfigLoader (child workflow {@code
 *       {id}/tenant/{update_id}}) on the chat id: only the clinic's configured chat and system
 *       admins ({@code clinicflow.telegram.admin-chat-ids}, who may name a clinic with {@code
 *       /clinica <id>}) are served. Any other chat gets one polite refusal per hour at most, the
 *       loader logs {@code unauthorized_chat}, and no LLM call or tool runs for it.
 *   <li>A served message runs the shared agent loop with the clinic's {@code
 *       system_prompt_internal} and the staff tools; the chat's transcript is kept like a patient's
 *       (contact {@code telegram:{chat_id}}); the answer is sent in parts of at most 4096
 *       characters.
 *   <li>Alerts ({@link #onAlert}) are sent to the chat in the clinic's language, once per key; a
 *       WhatsApp instance is announced down once and back up once.
 *   <li>Continue-as-new after {@code turnsPerRun} answers; completes after {@code idleTimeout}
 *       without updates unless a WhatsApp instance is down.
 * </ul>
 */
@WorkflowInterface
public interface InternalAssistant {

  @WorkflowMethod(name = "InternalAssistant")
  void run(StaffStart start);

  /** A Telegram message from this chat. */
  @SignalMethod(name = "update")
  void onUpdate(StaffUpdate update);

  /** Something to tell this clinic's staff. */
  @SignalMethod(name = "alert")
  void onAlert(StaffAlert alert);

  @QueryMethod(name = "state")
  StaffView state();
}
