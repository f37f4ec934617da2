package com.clinicflow.activities.store;

import com.clinicflow.workflows.conversation.ConversationStoreActivities;
import com.clinicflow.workflows.conversation.Memory;
import com.clinicflow.workflows.conversation.MemoryRequest;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.conversation.TurnRecord;

/** {@link ConversationStoreActivities} over PostgreSQL, see {@link ConversationRepository}. */
public class ConversationStoreActivitiesImpl implements ConversationStoreActivities {

  private final ConversationRepository conversations;

  public ConversationStoreActivitiesImpl(ConversationRepository conversations) {
    this.conversations = conversations;
  }

  @Override
  public Memory loadMemory(MemoryRequest request) {
    return new Memory(
        conversations.loadMemory(request.tenantId(), request.contact(), request.window()));
  }

  @Override
  public void saveTurn(TurnRecord turn) {
    conversations.saveTurn(turn);
  }

  @Override
  public void changeStatus(StatusChange change) {
    conversations.changeStatus(change);
  }
}
