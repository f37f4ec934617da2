package com.clinicflow.workflows.appointments;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One clinic's confirmations for one day. Id {@code confirmation:{tenant_id}:{date}} ({@link
 * ConfirmationKeys#runId}), started by the clinic's {@link ConfirmationScheduler} the evening
 * before, or by an operator.
 *
 * <ul>
 *   <li>For each appointment of the day that a patient booked through ClinicFlow, the LLM writes
 *       one message with the clinic's {@code system_prompt_confirmation}; it is sent on WhatsApp
 *       and recorded in that patient's conversation as the assistant's words, so a reply ("sim",
 *       "não posso", "remarcar") is understood by PatientHandler with the same tools.
 *   <li>Idempotent across reruns: every message has the key {@link ConfirmationKeys#sendKey}; an
 *       appointment whose key was sent is skipped before any LLM call.
 *   <li>One appointment failing past its retry budget is counted as failed; the others go on.
 *   <li>The outcome (sent, skipped, failed) goes to the clinic's activity log ({@code
 *       confirmations_run}) and is the workflow's result.
 * </ul>
 */
@WorkflowInterface
public interface DailyConfirmation {

  @WorkflowMethod(name = "DailyConfirmation")
  ConfirmationOutcome run(ConfirmationRun run);
}
