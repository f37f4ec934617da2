package com.clinicflow.api.conversations;

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

  /** The clinic's conversations waiting for an operator, longest waiting first. */
  List<StoredConversation> needingAttention(String tenantId);

  /**
   * The system operator's view across every clinic, longest waiting first, at most {@code limit}.
   */
  List<StoredConversation> needingAttentionInAllTenants(int limit);
}
