package com.clinicflow.api.conversations;

import com.clinicflow.workflows.conversation.ConversationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What PostgreSQL knows about patient conversations (the {@code conversation} row and the {@code
 * conversation_message} transcript), for the admin API. Implemented by the composition root ({@code
 * app}) with the store of {@code activities}, like {@code TenantDirectory}: the embedded Temporal
 * server has no list API, so PostgreSQL is where operators find conversations.
 */
public interface ConversationRecords {

  /** The conversation's row; empty when no turn or status change was ever recorded. */
  Optional<StoredConversation> find(String tenantId, String contact);

  /** The latest {@code limit} messages of the conversation, oldest first. */
  List<TranscriptLine> transcript(String tenantId, String contact, int limit);

  /**
   * The clinic's conversations, the most recently changed first, at most {@code limit}; only those
   * in {@code status} unless it is null.
   */
  List<StoredConversation> recent(String tenantId, ConversationStatus status, int limit);

  /**
   * Records on the conversation's row a pause ClinicFlow signalled to it, which its workflow keeps
   * in its state only, so that the lists of paused conversations see it (one waiting for an
   * operator stays so).
   */
  void recordPause(String tenantId, String contact, String workflowId, Instant until);

  /**
   * The clinic's conversations waiting for an operator, longest waiting first, at most {@code
   * limit}; only those whose last error is {@code lastError} (any case) unless it is null.
   */
  List<StoredConversation> needingAttention(String tenantId, String lastError, int limit);

  /**
   * The system operator's view across every clinic, longest waiting first, at most {@code limit};
   * only those whose last error is {@code lastError} (any case) unless it is null.
   */
  List<StoredConversation> needingAttentionInAllTenants(String lastError, int limit);

  /**
   * Every contact the clinic knows this patient by: {@code contact}, and the phone and WhatsApp
   * LIDs learned for it.
   */
  List<String> patientContacts(String tenantId, String contact);

  /**
   * Erases what PostgreSQL keeps of the patient known by {@code contacts} at this clinic, and logs
   * the erasure ({@code patient_erased}, counts and {@code requestedBy} only). Erasing again
   * removes nothing.
   */
  ErasedRecords erase(String tenantId, List<String> contacts, String requestedBy);
}
