package com.clinicflow.activities.store;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.conversation.TurnRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Conversations ({@code conversation}) and their transcripts ({@code conversation_message}), which
 * are the agent's memory. Every query names the tenant and the contact: the same phone number at
 * two clinics is two unrelated conversations.
 */
public class ConversationRepository {

  private static final RowMapper<ConversationSummary> SUMMARY = ConversationRepository::summary;

  /**
   * A conversation's status as it stands now: the workflow records no status when a pause runs out,
   * so a row recorded {@code PAUSED} whose {@code paused_until} has passed is active. So is one
   * recorded {@code PAUSED} without an end, which only a handoff whose pause staff had just lifted
   * could write (before the workflow recorded its pause as it stood): nothing holds such a
   * conversation. Lists filter and {@link #summary} reads it by this expression.
   */
  static final String CURRENT_STATUS =
      "CASE WHEN status = 'PAUSED' AND (paused_until IS NULL OR paused_until <= now())"
          + " THEN 'ACTIVE' ELSE status END";

  /** The columns {@link #SUMMARY} reads. */
  private static final String SUMMARY_COLUMNS = "*, " + CURRENT_STATUS + " AS current_status";

  private final JdbcClient jdbc;
  private final TransactionOperations transactions;

  /**
   * @param transactions must manage transactions of the same {@code DataSource} as {@code jdbc}
   */
  public ConversationRepository(JdbcClient jdbc, TransactionOperations transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Appends a turn, creating the conversation row on first use, in one transaction. Messages are
   * keyed by turn key and position, so saving the same turn again (an activity retry) inserts
   * nothing twice. What the turn heard of earlier media is kept beside that media, in the same
   * transaction.
   *
   * @return how many messages were new
   */
  public int saveTurn(TurnRecord turn) {
    Integer inserted =
        transactions.execute(
            status -> {
              touchConversation(turn);
              int added = insertMessages(turn);
              turn.heardEarlier().forEach(heard -> keepBesideItsMedia(turn, heard));
              return added;
            });
    return inserted == null ? 0 : inserted;
  }

  private void touchConversation(TurnRecord turn) {
    jdbc.sql(
            """
            INSERT INTO conversation (tenant_id, contact, workflow_id, display_name,
                                      last_inbound_at, last_reply_at)
            VALUES (:tenant_id, :contact, :workflow_id, :display_name, now(),
                    CASE WHEN :replied THEN now() END)
            ON CONFLICT (tenant_id, contact) DO UPDATE SET
              workflow_id = EXCLUDED.workflow_id,
              display_name = COALESCE(EXCLUDED.display_name, conversation.display_name),
              last_inbound_at = EXCLUDED.last_inbound_at,
              last_reply_at = COALESCE(EXCLUDED.last_reply_at, conversation.last_reply_at)
            """)
        .param("tenant_id", turn.tenantId())
        .param("contact", turn.contact())
        .param("workflow_id", turn.workflowId())
        .param("display_name", turn.displayName())
        .param("replied", turn.replied())
        .update();
  }

  private int insertMessages(TurnRecord turn) {
    if (turn.messages() == null || turn.messages().isEmpty()) {
      return 0;
    }
    // One statement for the whole turn; the array order is the position and the seq order.
    return jdbc.sql(
            """
            INSERT INTO conversation_message (tenant_id, contact, turn_key, position, role, content)
            SELECT :tenant_id, :contact, :turn_key, CAST(m.ordinality - 1 AS integer),
                   m.value ->> 'role', m.value
              FROM jsonb_array_elements(CAST(:messages AS jsonb)) WITH ORDINALITY AS m
             ORDER BY m.ordinality
            ON CONFLICT ON CONSTRAINT conversation_message_once DO NOTHING
            """)
        .param("tenant_id", turn.tenantId())
        .param("contact", turn.contact())
        .param("turn_key", turn.turnKey())
        .param("messages", JsonColumns.write(turn.messages()))
        .update();
  }

  /**
   * Keeps what earlier media says or shows ({@code heard}) beside that media in the turn that holds
   * it, so that later turns read the words instead of fetching it. Looked for among the patient's
   * messages (this contact and the identities learned for it, as {@link #loadMemory} reads them);
   * media that already has words keeps them, so saving again changes nothing.
   */
  private void keepBesideItsMedia(TurnRecord turn, LlmReply.Transcript heard) {
    jdbc.sql(
            """
            UPDATE conversation_message m
               SET content = jsonb_set(m.content, '{parts}', (
                     SELECT jsonb_agg(
                              CASE WHEN p.part -> 'media' @> CAST(:media AS jsonb)
                                    AND p.part ->> 'transcript' IS NULL
                                   THEN p.part || jsonb_build_object('transcript', CAST(:words AS text))
                                   ELSE p.part END
                              ORDER BY p.n)
                       FROM jsonb_array_elements(m.content -> 'parts') WITH ORDINALITY AS p(part, n)))
             WHERE m.tenant_id = :tenant_id
               AND m.contact IN (SELECT contact FROM patient_contacts(:tenant_id, :contact))
               AND EXISTS (
                     SELECT 1 FROM jsonb_array_elements(m.content -> 'parts') AS p(part)
                      WHERE p.part -> 'media' @> CAST(:media AS jsonb)
                        AND p.part ->> 'transcript' IS NULL)
            """)
        .param("tenant_id", turn.tenantId())
        .param("contact", turn.contact())
        .param("media", JsonColumns.write(heard.media()))
        .param("words", heard.text())
        .update();
  }

  /**
   * The memory window, oldest first: whole turns taken from the newest backwards while they fit in
   * {@code window} messages, and always at least the newest turn, however long, so that the agent
   * never sees a tool result without its call. A window below 1 means no memory.
   *
   * <p>The patient's memory, not only this conversation's: a patient WhatsApp named by LID alone
   * ({@code lid:…}) talks in that conversation until a message carries both LID and phone, and in
   * the phone's from then on. Once the clinic has learned the pair ({@code contact_identity}), each
   * conversation remembers the other's turns too, interleaved in the order they were saved.
   */
  public List<ChatMessage> loadMemory(String tenantId, String contact, int window) {
    if (window < 1) {
      return List.of();
    }
    // `who`: this contact and the identities learned for it (a phone's LIDs, a LID's phone; V12).
    // `latest`: the newest `window` messages' turns, each contact read through its index from the
    // newest backwards. Only those turns can be part of the window; they are read whole so that
    // the oldest of them can be measured.
    List<StoredMessage> rows =
        jdbc.sql(
                """
                WITH who AS (
                  SELECT contact FROM patient_contacts(:tenant_id, :contact)
                ),
                latest AS (
                  SELECT recent.seq, who.contact, recent.turn_key
                    FROM who
                    CROSS JOIN LATERAL (
                      SELECT seq, turn_key FROM conversation_message
                       WHERE tenant_id = :tenant_id AND contact = who.contact
                       ORDER BY seq DESC
                       LIMIT :window) recent
                   ORDER BY recent.seq DESC
                   LIMIT :window
                )
                SELECT m.seq, m.turn_key, m.content
                  FROM conversation_message m
                 WHERE m.tenant_id = :tenant_id
                   AND (m.contact, m.turn_key) IN (SELECT contact, turn_key FROM latest)
                 ORDER BY m.seq
                """)
            .param("tenant_id", tenantId)
            .param("contact", contact)
            .param("window", window)
            .query(
                (rs, n) ->
                    new StoredMessage(
                        rs.getString("turn_key"),
                        JsonColumns.read(rs.getString("content"), ChatMessage.class)))
            .list();
    return wholeTurnsWithin(rows, window);
  }

  private record StoredMessage(String turnKey, ChatMessage message) {}

  private static List<ChatMessage> wholeTurnsWithin(List<StoredMessage> rowsBySeq, int window) {
    // Rows arrive in seq order, and a turn's rows are contiguous (saved in one statement; a LID's
    // and a phone's conversation saving at the same instant are the rare exception, and keep each
    // turn whole all the same), so the map's order is the turns' order.
    Map<String, List<ChatMessage>> turns = new LinkedHashMap<>();
    for (StoredMessage row : rowsBySeq) {
      turns.computeIfAbsent(row.turnKey(), k -> new ArrayList<>()).add(row.message());
    }
    List<List<ChatMessage>> newestFirst = new ArrayList<>(turns.values());
    Collections.reverse(newestFirst);
    List<List<ChatMessage>> taken = new ArrayList<>();
    int total = 0;
    for (List<ChatMessage> turn : newestFirst) {
      if (!taken.isEmpty() && total + turn.size() > window) {
        break;
      }
      taken.add(turn);
      total += turn.size();
    }
    Collections.reverse(taken);
    List<ChatMessage> memory = new ArrayList<>(total);
    taken.forEach(memory::addAll);
    return memory;
  }

  /**
   * Records a status change, creating the conversation row if needed. {@code paused_until} is kept
   * only with {@code PAUSED}; {@code needs_attention_since} is set when the conversation enters
   * {@code NEEDS_ATTENTION} (a retried change keeps the first time) and cleared when it leaves;
   * {@code last_error} takes the reason when one is given and otherwise keeps the last one, so an
   * operator can still see what went wrong after a retry succeeded.
   */
  public void changeStatus(StatusChange change) {
    jdbc.sql(
            """
            INSERT INTO conversation (tenant_id, contact, workflow_id, status, paused_until,
                                      needs_attention_since, last_error)
            VALUES (:tenant_id, :contact, :workflow_id, :status,
                    CASE WHEN :status = 'PAUSED' THEN CAST(:paused_until AS timestamptz) END,
                    CASE WHEN :status = 'NEEDS_ATTENTION' THEN now() END,
                    :reason)
            ON CONFLICT (tenant_id, contact) DO UPDATE SET
              workflow_id = EXCLUDED.workflow_id,
              status = EXCLUDED.status,
              paused_until = EXCLUDED.paused_until,
              needs_attention_since =
                CASE WHEN EXCLUDED.status = 'NEEDS_ATTENTION'
                     THEN COALESCE(conversation.needs_attention_since, now()) END,
              last_error = COALESCE(EXCLUDED.last_error, conversation.last_error)
            """)
        .param("tenant_id", change.tenantId())
        .param("contact", change.contact())
        .param("workflow_id", change.workflowId())
        .param("status", change.status().name())
        .param("paused_until", timestamp(change.pausedUntil()))
        .param("reason", change.reason())
        .update();
  }

  /**
   * Records a pause staff asked for from Telegram ({@code until}; null when they resumed the bot),
   * which the conversation's workflow keeps in its state without a status change of its own, so
   * that the lists of paused patients see it. A conversation waiting for an operator stays {@code
   * NEEDS_ATTENTION}; a resume changes only a conversation recorded {@code PAUSED}.
   */
  public void recordStaffPause(String tenantId, String contact, String workflowId, Instant until) {
    jdbc.sql(
            """
            INSERT INTO conversation (tenant_id, contact, workflow_id, status, paused_until)
            VALUES (:tenant_id, :contact, :workflow_id,
                    CASE WHEN CAST(:until AS timestamptz) IS NULL THEN 'ACTIVE' ELSE 'PAUSED' END,
                    CAST(:until AS timestamptz))
            ON CONFLICT (tenant_id, contact) DO UPDATE SET
              status = CASE
                WHEN conversation.status = 'NEEDS_ATTENTION' THEN conversation.status
                WHEN EXCLUDED.status = 'PAUSED' OR conversation.status = 'PAUSED'
                  THEN EXCLUDED.status
                ELSE conversation.status END,
              paused_until = CASE
                WHEN conversation.status = 'NEEDS_ATTENTION' THEN conversation.paused_until
                ELSE EXCLUDED.paused_until END
            """)
        .param("tenant_id", tenantId)
        .param("contact", contact)
        .param("workflow_id", workflowId)
        .param("until", timestamp(until))
        .update();
  }

  public Optional<ConversationSummary> find(String tenantId, String contact) {
    return jdbc.sql(
            "SELECT "
                + SUMMARY_COLUMNS
                + " FROM conversation WHERE tenant_id = :tenant_id AND contact = :contact")
        .param("tenant_id", tenantId)
        .param("contact", contact)
        .query(SUMMARY)
        .optional();
  }

  /**
   * The latest {@code limit} messages of the patient, oldest first: of every contact the clinic
   * knows them by ({@code patient_contacts}), as their memory, so an operator reading the phone's
   * conversation also reads what the patient said while known by LID alone.
   */
  public List<TranscriptEntry> transcript(String tenantId, String contact, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM (
              SELECT m.seq, m.turn_key, m.position, m.content, m.created_at
                FROM patient_contacts(:tenant_id, :contact) who
                CROSS JOIN LATERAL (
                  SELECT seq, turn_key, position, content, created_at
                    FROM conversation_message
                   WHERE tenant_id = :tenant_id AND contact = who.contact
                   ORDER BY seq DESC
                   LIMIT :limit) m
               ORDER BY m.seq DESC
               LIMIT :limit) latest
             ORDER BY seq
            """)
        .param("tenant_id", tenantId)
        .param("contact", contact)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new TranscriptEntry(
                    rs.getLong("seq"),
                    rs.getString("turn_key"),
                    rs.getInt("position"),
                    JsonColumns.read(rs.getString("content"), ChatMessage.class),
                    TenantRepository.instant(rs, "created_at")))
        .list();
  }

  /**
   * The tenant's conversations, the most recently changed first, at most {@code limit}; only those
   * in {@code status} when it is given. An operator's list: sorted in memory per clinic rather than
   * by an index on {@code updated_at}, which every turn's update would have to maintain.
   */
  public List<ConversationSummary> listRecent(
      String tenantId, ConversationStatus status, int limit) {
    return jdbc.sql(
            """
            SELECT %s FROM conversation
             WHERE tenant_id = :tenant_id
               AND (CAST(:status AS text) IS NULL OR %s = CAST(:status AS text))
             ORDER BY updated_at DESC, contact
             LIMIT :limit
            """
                .formatted(SUMMARY_COLUMNS, CURRENT_STATUS))
        .param("tenant_id", tenantId)
        .param("status", status == null ? null : status.name())
        .param("limit", limit)
        .query(SUMMARY)
        .list();
  }

  /** The tenant's conversations waiting for an operator, longest waiting first. */
  public List<ConversationSummary> listNeedingAttention(String tenantId) {
    return listNeedingAttention(tenantId, null, Integer.MAX_VALUE);
  }

  /**
   * The tenant's conversations waiting for an operator, longest waiting first, at most {@code
   * limit}; only those whose {@code last_error} is {@code lastError} (any case) unless it is null.
   */
  public List<ConversationSummary> listNeedingAttention(
      String tenantId, String lastError, int limit) {
    return jdbc.sql(
            """
            SELECT %s FROM conversation
             WHERE tenant_id = :tenant_id AND status = 'NEEDS_ATTENTION' AND %s
             ORDER BY needs_attention_since, contact
             LIMIT :limit
            """
                .formatted(SUMMARY_COLUMNS, LAST_ERROR_IS))
        .param("tenant_id", tenantId)
        .param("last_error", lastError)
        .param("limit", limit)
        .query(SUMMARY)
        .list();
  }

  /**
   * The operator's view across every clinic, longest waiting first, at most {@code limit}; only
   * those whose {@code last_error} is {@code lastError} (any case) unless it is null. Deliberately
   * the one query of this class without a tenant: only for the system operator, never behind a
   * tenant's own access.
   */
  public List<ConversationSummary> listNeedingAttentionInAllTenants(String lastError, int limit) {
    return jdbc.sql(
            """
            SELECT %s FROM conversation
             WHERE status = 'NEEDS_ATTENTION' AND %s
             ORDER BY needs_attention_since, tenant_id, contact
             LIMIT :limit
            """
                .formatted(SUMMARY_COLUMNS, LAST_ERROR_IS))
        .param("last_error", lastError)
        .param("limit", limit)
        .query(SUMMARY)
        .list();
  }

  /**
   * Every active clinic with how many of its conversations wait for an operator (0 included), for
   * the metrics an operator's alert reads; from the partial index on waiting conversations. Across
   * all tenants like {@link #listNeedingAttentionInAllTenants}: the system operator's view.
   */
  public List<TenantAttention> attentionOfActiveTenants() {
    return jdbc.sql(
            """
            SELECT t.tenant_id, count(c.contact) AS waiting,
                   min(c.needs_attention_since) AS oldest_since
              FROM tenant_config t
              LEFT JOIN conversation c
                ON c.tenant_id = t.tenant_id AND c.status = 'NEEDS_ATTENTION'
             WHERE t.is_active
             GROUP BY t.tenant_id
             ORDER BY t.tenant_id
            """)
        .query(
            (rs, rowNum) ->
                new TenantAttention(
                    rs.getString("tenant_id"),
                    rs.getInt("waiting"),
                    TenantRepository.instant(rs, "oldest_since")))
        .list();
  }

  /** The attention lists' filter on the failure type, {@code :last_error} null for any. */
  private static final String LAST_ERROR_IS =
      "(CAST(:last_error AS text) IS NULL OR upper(last_error) = upper(CAST(:last_error AS text)))";

  private static ConversationSummary summary(ResultSet rs, int rowNum) throws SQLException {
    return new ConversationSummary(
        rs.getString("tenant_id"),
        rs.getString("contact"),
        rs.getString("channel"),
        rs.getString("workflow_id"),
        ConversationStatus.valueOf(rs.getString("current_status")),
        rs.getString("display_name"),
        TenantRepository.instant(rs, "paused_until"),
        TenantRepository.instant(rs, "last_inbound_at"),
        TenantRepository.instant(rs, "last_reply_at"),
        rs.getString("last_error"),
        TenantRepository.instant(rs, "needs_attention_since"),
        TenantRepository.instant(rs, "created_at"),
        TenantRepository.instant(rs, "updated_at"));
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
