package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.agent.AgentTurn;
import com.clinicflow.workflows.tenant.TenantResolution;
import java.util.List;

/**
 * A turn in progress: the patient messages it answers and how far it got. Kept in the workflow so
 * that an operator's retry continues where the failure stopped: tool results already obtained are
 * reused, and a reply already sent is not sent again.
 */
final class Turn extends AgentTurn {

  /**
   * Names the turn in the transcript, in its send keys and in its quota count. Made with {@code
   * Workflow.randomUUID()}: new in every run, and the same when a worker that died mid-task is
   * replaced and the task runs again, which is what makes those keys idempotent.
   */
  final String key;

  final List<InboundMessage> messages;
  TenantResolution resolution;
  boolean saved;
  boolean replySent;
  boolean fallbackSent;

  /** Times this turn was tried again by itself after failing ({@link OperatorAttention}). */
  int automaticRetries;

  /** Whether the attempt running now was started by an automatic retry, not by an operator. */
  boolean attemptIsAutomatic;

  Turn(String key, List<InboundMessage> messages) {
    super(key);
    this.key = key;
    this.messages = messages;
  }

  InboundMessage last() {
    return messages.get(messages.size() - 1);
  }

  String displayName() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).displayName() != null) {
        return messages.get(i).displayName();
      }
    }
    return null;
  }
}
