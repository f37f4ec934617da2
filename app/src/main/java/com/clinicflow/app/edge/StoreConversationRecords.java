package com.clinicflow.app.edge;

import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationSummary;
import com.clinicflow.activities.store.PatientErasure;
import com.clinicflow.activities.store.TranscriptEntry;
import com.clinicflow.api.conversations.ConversationRecords;
import com.clinicflow.api.conversations.ErasedRecords;
import com.clinicflow.api.conversations.StoredConversation;
import com.clinicflow.api.conversations.TranscriptLine;
import com.clinicflow.workflows.conversation.ConversationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ConversationRecords} over the store's {@link ConversationRepository} and {@link
 * PatientErasure}.
 */
class StoreConversationRecords implements ConversationRecords {

  private final ConversationRepository conversations;
  private final PatientErasure erasure;

  StoreConversationRecords(ConversationRepository conversations, PatientErasure erasure) {
    this.conversations = conversations;
    this.erasure = erasure;
  }

  @Override
  public Optional<StoredConversation> find(String tenantId, String contact) {
    return conversations.find(tenantId, contact).map(StoreConversationRecords::stored);
  }

  @Override
  public List<TranscriptLine> transcript(String tenantId, String contact, int limit) {
    return conversations.transcript(tenantId, contact, limit).stream()
        .map(StoreConversationRecords::line)
        .toList();
  }

  @Override
  public List<StoredConversation> recent(String tenantId, ConversationStatus status, int limit) {
    return conversations.listRecent(tenantId, status, limit).stream()
        .map(StoreConversationRecords::stored)
        .toList();
  }

  @Override
  public void recordPause(String tenantId, String contact, String workflowId, Instant until) {
    conversations.recordStaffPause(tenantId, contact, workflowId, until);
  }

  @Override
  public List<StoredConversation> needingAttention(String tenantId, String lastError, int limit) {
    return conversations.listNeedingAttention(tenantId, lastError, limit).stream()
        .map(StoreConversationRecords::stored)
        .toList();
  }

  @Override
  public List<StoredConversation> needingAttentionInAllTenants(String lastError, int limit) {
    return conversations.listNeedingAttentionInAllTenants(lastError, limit).stream()
        .map(StoreConversationRecords::stored)
        .toList();
  }

  @Override
  public List<String> patientContacts(String tenantId, String contact) {
    return erasure.contactsOf(tenantId, contact);
  }

  @Override
  public ErasedRecords erase(String tenantId, List<String> contacts, String requestedBy) {
    PatientErasure.Erased erased = erasure.erase(tenantId, contacts, requestedBy);
    return new ErasedRecords(
        erased.conversations(),
        erased.messages(),
        erased.contactLinks(),
        erased.sentMessages(),
        erased.receivedMessages(),
        erased.activityLines());
  }

  private static StoredConversation stored(ConversationSummary c) {
    return new StoredConversation(
        c.tenantId(),
        c.contact(),
        c.channel(),
        c.workflowId(),
        c.status(),
        c.displayName(),
        c.pausedUntil(),
        c.lastInboundAt(),
        c.lastReplyAt(),
        c.lastError(),
        c.needsAttentionSince(),
        c.createdAt(),
        c.updatedAt());
  }

  private static TranscriptLine line(TranscriptEntry e) {
    return new TranscriptLine(e.seq(), e.turnKey(), e.position(), e.message(), e.createdAt());
  }
}
