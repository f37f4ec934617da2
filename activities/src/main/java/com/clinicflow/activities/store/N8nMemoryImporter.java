package com.clinicflow.activities.store;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.patient.ConversationKey;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Imports n8n's Postgres Chat Memory ({@code n8n_chat_histories}) into ClinicFlow transcripts. Each
 * n8n row becomes one message keyed {@code n8n-{id}}, so running the import again (e.g. once more
 * at cut-over) inserts only what is new. Rows are read in {@code id} order (n8n's own order, which
 * older langchain versions failed to apply), in pages, so a large table is never loaded at once.
 *
 * <p>{@code session_id} is {@code {tenant_id}:{remoteJid}} as the n8n flows keyed it; a session of
 * a clinic that is not in ClinicFlow is skipped and counted, never guessed.
 */
public class N8nMemoryImporter {

  /** What an import did. */
  public record Report(int imported, int alreadyPresent, int unknownTenant, int unreadable) {}

  private final JdbcClient n8n;
  private final ConversationRepository conversations;
  private final TenantRepository tenants;

  public N8nMemoryImporter(
      JdbcClient n8n, ConversationRepository conversations, TenantRepository tenants) {
    this.n8n = n8n;
    this.conversations = conversations;
    this.tenants = tenants;
  }

  private record Row(long id, String sessionId, String message) {}

  public Report importAll(int pageSize) {
    Map<String, Boolean> knownTenants = new HashMap<>();
    int imported = 0, already = 0, unknown = 0, unreadable = 0;
    long after = 0;
    while (true) {
      List<Row> page =
          n8n.sql(
                  """
                  SELECT id, session_id, message::text AS message FROM n8n_chat_histories
                   WHERE id > :after ORDER BY id LIMIT :page
                  """)
              .param("after", after)
              .param("page", pageSize)
              .query(
                  (rs, n) ->
                      new Row(
                          rs.getLong("id"), rs.getString("session_id"), rs.getString("message")))
              .list();
      if (page.isEmpty()) {
        return new Report(imported, already, unknown, unreadable);
      }
      for (Row row : page) {
        after = row.id();
        Optional<ConversationKey> key = conversationOf(row.sessionId());
        Optional<ChatMessage> message = messageOf(row.message());
        if (key.isEmpty() || message.isEmpty()) {
          unreadable++;
          continue;
        }
        String tenantId = key.get().tenantId();
        if (!knownTenants.computeIfAbsent(tenantId, id -> tenants.findById(id).isPresent())) {
          unknown++;
          continue;
        }
        int inserted =
            conversations.saveTurn(
                new TurnRecord(
                    tenantId,
                    key.get().contact(),
                    key.get().workflowId(),
                    "n8n-" + row.id(),
                    null,
                    List.of(message.get()),
                    false));
        if (inserted > 0) {
          imported++;
        } else {
          already++;
        }
      }
    }
  }

  /**
   * {@code clinic-a:5511900000001@s.whatsapp.net} → clinic-a / 5511900000001 (LIDs keep "lid:").
   */
  static Optional<ConversationKey> conversationOf(String sessionId) {
    int colon = sessionId == null ? -1 : sessionId.indexOf(':');
    if (colon <= 0 || colon == sessionId.length() - 1) {
      return Optional.empty();
    }
    String tenant = sessionId.substring(0, colon);
    String jid = sessionId.substring(colon + 1);
    String user = jid.contains("@") ? jid.substring(0, jid.indexOf('@')) : jid;
    String digits = user.replaceAll("[^0-9]", "");
    if (digits.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ConversationKey(
            tenant, jid.endsWith("@lid") ? ConversationKey.lidContact(digits) : digits));
  }

  /**
   * {@code {"type":"human"|"ai","content":…}} → a user or model message; other types are skipped.
   */
  static Optional<ChatMessage> messageOf(String json) {
    JsonNode node;
    try {
      node = JsonColumns.read(json, JsonNode.class);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    ChatRole role =
        switch (node.path("type").asText()) {
          case "human" -> ChatRole.USER;
          case "ai" -> ChatRole.MODEL;
          default -> null;
        };
    String text = textOf(node.path("content"));
    if (role == null || text.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new ChatMessage(role, List.of(ChatPart.text(text))));
  }

  /** LangChain content is a string, or a list of parts of which the text ones count. */
  private static String textOf(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    content.forEach(
        part -> {
          if (part.path("type").asText().equals("text")) {
            out.append(out.length() > 0 ? "\n" : "").append(part.path("text").asText());
          }
        });
    return out.toString();
  }
}
