package com.clinicflow.api.testapp;

import com.clinicflow.api.conversations.ConversationRecords;
import com.clinicflow.api.conversations.ErasedRecords;
import com.clinicflow.api.conversations.StoredConversation;
import com.clinicflow.api.conversations.TranscriptLine;
import com.clinicflow.workflows.conversation.ConversationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ConversationRecords} in memory: tests put what the database would answer. */
public class InMemoryConversationRecords implements ConversationRecords {

  private final Map<String, StoredConversation> rows = new LinkedHashMap<>();
  private final Map<String, List<TranscriptLine>> transcripts = new LinkedHashMap<>();
  private final Map<String, String> linkedContacts = new LinkedHashMap<>();

  /** Every erasure asked for: tenant, contacts and who asked. */
  public final List<List<Object>> erasures = new ArrayList<>();

  /** Limits of every transcript read. */
  public final List<Integer> transcriptLimits = new ArrayList<>();

  public synchronized void reset() {
    rows.clear();
    transcripts.clear();
    transcriptLimits.clear();
    linkedContacts.clear();
    erasures.clear();
  }

  /**
   * The clinic learned that {@code other} (e.g. a LID contact) is the patient of {@code contact}.
   */
  public synchronized void link(String tenantId, String contact, String other) {
    linkedContacts.put(tenantId + "|" + contact, other);
  }

  public synchronized void put(StoredConversation row) {
    rows.put(row.tenantId() + "|" + row.contact(), row);
  }

  /** The whole transcript, oldest first. */
  public synchronized void putTranscript(
      String tenantId, String contact, List<TranscriptLine> all) {
    transcripts.put(tenantId + "|" + contact, List.copyOf(all));
  }

  @Override
  public synchronized Optional<StoredConversation> find(String tenantId, String contact) {
    return Optional.ofNullable(rows.get(tenantId + "|" + contact));
  }

  @Override
  public synchronized List<TranscriptLine> transcript(String tenantId, String contact, int limit) {
    transcriptLimits.add(limit);
    List<TranscriptLine> all = transcripts.getOrDefault(tenantId + "|" + contact, List.of());
    return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  @Override
  public synchronized List<StoredConversation> recent(
      String tenantId, ConversationStatus status, int limit) {
    return rows.values().stream()
        .filter(c -> c.tenantId().equals(tenantId))
        .filter(c -> status == null || c.status() == status)
        .sorted(
            Comparator.comparing(StoredConversation::updatedAt)
                .reversed()
                .thenComparing(StoredConversation::contact))
        .limit(limit)
        .toList();
  }

  /** Sets the row's pause as the store does; a conversation waiting for an operator stays so. */
  @Override
  public synchronized void recordPause(
      String tenantId, String contact, String workflowId, Instant until) {
    StoredConversation row = rows.get(tenantId + "|" + contact);
    if (row != null && row.status() == ConversationStatus.NEEDS_ATTENTION) {
      return;
    }
    Instant now = Instant.now();
    put(
        new StoredConversation(
            tenantId,
            contact,
            row == null ? "WHATSAPP" : row.channel(),
            workflowId,
            ConversationStatus.PAUSED,
            row == null ? null : row.displayName(),
            until,
            row == null ? null : row.lastInboundAt(),
            row == null ? null : row.lastReplyAt(),
            row == null ? null : row.lastError(),
            null,
            row == null ? now : row.createdAt(),
            now));
  }

  @Override
  public synchronized List<StoredConversation> needingAttention(
      String tenantId, String lastError, int limit) {
    return waiting().stream()
        .filter(c -> c.tenantId().equals(tenantId))
        .filter(c -> lastError == null || lastError.equalsIgnoreCase(c.lastError()))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<StoredConversation> needingAttentionInAllTenants(
      String lastError, int limit) {
    return waiting().stream()
        .filter(c -> lastError == null || lastError.equalsIgnoreCase(c.lastError()))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<String> patientContacts(String tenantId, String contact) {
    String other = linkedContacts.get(tenantId + "|" + contact);
    return other == null ? List.of(contact) : List.of(contact, other);
  }

  /** Removes the rows and transcripts of {@code contacts}, counting them as the store would. */
  @Override
  public synchronized ErasedRecords erase(
      String tenantId, List<String> contacts, String requestedBy) {
    erasures.add(List.of(tenantId, List.copyOf(contacts), requestedBy));
    int conversations = 0;
    int messages = 0;
    for (String contact : contacts) {
      conversations += rows.remove(tenantId + "|" + contact) == null ? 0 : 1;
      List<TranscriptLine> lines = transcripts.remove(tenantId + "|" + contact);
      messages += lines == null ? 0 : lines.size();
    }
    return new ErasedRecords(conversations, messages, 0, 0, 0, 0);
  }

  private List<StoredConversation> waiting() {
    return rows.values().stream()
        .filter(c -> c.status() == ConversationStatus.NEEDS_ATTENTION)
        .sorted(Comparator.comparing(StoredConversation::needsAttentionSince))
        .toList();
  }
}
