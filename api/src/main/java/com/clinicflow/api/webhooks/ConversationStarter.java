package com.clinicflow.api.webhooks;

import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.InboundMessage;

/**
 * Hands a message to its patient conversation, starting the conversation if it is not running
 * (signal-with-start). The seam between the webhook and Temporal.
 */
interface ConversationStarter {

  /**
   * Signals {@code message} to workflow {@code workflowId}, starting it with {@code start} first if
   * no run is open. Returns once Temporal has durably recorded the signal.
   *
   * @throws RuntimeException when Temporal cannot be reached or refuses; nothing was recorded
   */
  void signalWithStart(String workflowId, ConversationStart start, InboundMessage message);

  /**
   * Pauses the bot in workflow {@code workflowId} (its {@code pause} signal), starting it with
   * {@code start} first if no run is open.
   *
   * @throws RuntimeException when Temporal cannot be reached or refuses; nothing was recorded
   */
  void pause(String workflowId, ConversationStart start, BotPause pause);
}
