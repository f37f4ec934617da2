package com.clinicflow.workflows.conversation;

import io.temporal.activity.ActivityInterface;

/**
 * The durable conversation in PostgreSQL: transcript (which is the agent's memory) and status.
 * Every method is scoped by tenant and contact, and safe to retry: turns are keyed by turn key and
 * position, status changes are upserts.
 */
@ActivityInterface(namePrefix = "ConversationStore.")
public interface ConversationStoreActivities {

  /** The latest messages of the conversation, oldest first, cut on whole turns. */
  Memory loadMemory(MemoryRequest request);

  /** Appends a turn to the transcript (and creates the conversation row on first use). */
  void saveTurn(TurnRecord turn);

  /** Records a status change (paused, needs attention, active again). */
  void changeStatus(StatusChange change);
}
