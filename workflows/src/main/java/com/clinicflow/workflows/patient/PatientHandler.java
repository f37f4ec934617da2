package com.clinicflow.workflows.patient;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One patient's WhatsApp conversation with one clinic. Id {@code patient:{tenant_id}:{contact}}
 * ({@link ConversationKey#workflowId()}); started or signalled by the API with signal-with-start,
 * so the webhook never waits for the agent.
 *
 * <ul>
 *   <li>Messages are answered strictly in order, one turn at a time; a burst inside the debounce
 *       window is one turn (one LLM call, one reply).
 *   <li>A provider message id seen before is dropped (the API also dedupes in PostgreSQL).
 *   <li>A message from the clinic's own phone ({@code fromStaff}) is kept in the transcript and
 *       pauses the bot for this patient ({@code handoff-pause}).
 *   <li>A turn: the clinic checks ({@code TenantChecks}, inline), memory window, agent loop (LLM
 *       then each tool as an activity, bounded rounds), save the turn, send the reply (idempotent),
 *       activity log. Database calls are local activities (decision 0010).
 *   <li>A turn that fails past its retry budget sends the clinic's fallback message once, marks the
 *       conversation NEEDS_ATTENTION, alerts the clinic's Telegram chat (with this workflow's id),
 *       and waits for {@link #retry}.
 *   <li>History stays bounded: continue-as-new after {@code turnsPerRun} turns; the workflow
 *       completes after {@code idleTimeout} without messages and the next message starts it again
 *       with memory from PostgreSQL.
 * </ul>
 */
@WorkflowInterface
public interface PatientHandler {

  @WorkflowMethod(name = "PatientHandler")
  void run(ConversationStart start);

  /** A new WhatsApp message from (or, with {@code fromStaff}, to) this patient. */
  @SignalMethod(name = "message")
  void onMessage(InboundMessage message);

  /**
   * Staff send this patient a message from Telegram: recorded in the transcript as a staff message
   * and sent on WhatsApp with the message's idempotency key, in order with the conversation's
   * turns. A repeated key is dropped. Does not pause the bot.
   */
  @SignalMethod(name = "staffMessage")
  void staffMessage(StaffOutbound message);

  /**
   * Staff pause or resume the bot for this patient. A pause outlives the idle timeout: the
   * conversation continues as new rather than completing while it is paused.
   */
  @SignalMethod(name = "pause")
  void pause(BotPause pause);

  /** An operator re-runs the turn that needs attention. Ignored when nothing needs attention. */
  @SignalMethod(name = "retry")
  void retry(OperatorRetry retry);

  /**
   * An operator gives up the turn that needs attention when a retry cannot help (the model refuses
   * what the patient wrote): the turn is dropped — kept out of memory, recorded in the activity log
   * — and the messages that came meanwhile are answered. Ignored when nothing needs attention.
   */
  @SignalMethod(name = "skip")
  void skip(OperatorSkip skip);

  @QueryMethod(name = "state")
  ConversationView state();

  /**
   * The patient's messages this conversation holds unanswered, oldest first: a failed turn's while
   * it waits for an operator, then those that came meanwhile. Not yet in the transcript (a turn is
   * saved once answered), so the clinic's staff read them here ({@code patient_messages}); unlike
   * {@link #state} the answer carries the patient's words.
   */
  @QueryMethod(name = "unanswered")
  List<UnansweredMessage> unanswered();
}
