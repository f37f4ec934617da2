package com.clinicflow.activities.store;

import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Erases what PostgreSQL keeps of one patient at one clinic, when the patient asks the clinic to (a
 * data subject's erasure request): the conversation rows and their transcript (the model's memory,
 * transcripts of voice notes and descriptions of photos included), the learned links between the
 * phone and its WhatsApp LIDs, the outbound ledger's rows addressed to the patient and the
 * activity-log lines of the patient's conversation workflows. The inbound ledger's rows lose the
 * workflow id that names the patient but keep the provider's message id, so that a webhook
 * redelivered after the erasure is still answered {@code duplicate} instead of starting the
 * conversation again with the erased words; they expire with the ledger. Every statement names the
 * clinic: the same phone at another clinic is another patient and is not touched. The erasure
 * itself is logged ({@code patient_erased}) with counts and who asked, never the phone.
 *
 * <p>Kept: appointments in the clinic's calendar (the clinic's records), the quota's count of the
 * patient's turns (what the clinic used), and what staff wrote about the patient on Telegram.
 */
public class PatientErasure {

  /** What one erasure removed, by table. */
  public record Erased(
      int conversations,
      int messages,
      int contactLinks,
      int sentMessages,
      int receivedMessages,
      int activityLines) {}

  /** What an erased patient's inbound ledger rows name instead of their workflow. */
  static final String ERASED_WORKFLOW = "erased";

  /**
   * Rows of the clinic recorded by the patient's conversation workflows ({@code :ids}), or by their
   * children: a TenantConfigLoader child of older runs is {@code {conversation}/tenant/…}.
   */
  private static final String OF_PATIENT_WORKFLOWS =
      "tenant_id = :tenant_id AND split_part(workflow_id, '/', 1) IN (:ids)";

  private final JdbcClient jdbc;
  private final TransactionOperations transactions;
  private final ContactIdentityRepository identities;
  private final ActivityLogRepository activityLog;

  public PatientErasure(
      JdbcClient jdbc,
      TransactionOperations transactions,
      ContactIdentityRepository identities,
      ActivityLogRepository activityLog) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.identities = identities;
    this.activityLog = activityLog;
  }

  /**
   * Every contact the clinic knows this patient by: the phone and each LID learned for it, also
   * when {@code contact} is one of those LIDs.
   */
  public List<String> contactsOf(String tenantId, String contact) {
    Set<String> known = identities.identitiesOf(tenantId, contact);
    if (ConversationKey.lidDigits(contact) != null) {
      for (String other : List.copyOf(known)) {
        if (ConversationKey.lidDigits(other) == null) {
          known.addAll(identities.identitiesOf(tenantId, other)); // the phone's other LIDs
        }
      }
    }
    return List.copyOf(known);
  }

  /**
   * Erases the patient known by {@code contacts} (see {@link #contactsOf}) at {@code tenantId}, in
   * one transaction with its {@code patient_erased} log line. Erasing again finds nothing.
   */
  public Erased erase(String tenantId, List<String> contacts, String requestedBy) {
    List<String> workflowIds =
        contacts.stream().map(c -> ConversationKey.workflowId(tenantId, c)).toList();
    return transactions.execute(
        status -> {
          // The messages first, to count them: the conversation's delete would cascade to them.
          int messages = deleteByContact("conversation_message", tenantId, contacts);
          int conversations = deleteByContact("conversation", tenantId, contacts);
          int links = deleteLinks(tenantId, contacts);
          int sent = deleteSent(tenantId, contacts);
          int received = unlinkReceived(tenantId, workflowIds);
          int lines = deleteActivityLines(tenantId, workflowIds);
          Erased erased = new Erased(conversations, messages, links, sent, received, lines);
          activityLog.insert(logLine(tenantId, contacts.size(), requestedBy, erased));
          return erased;
        });
  }

  private int deleteByContact(String table, String tenantId, List<String> contacts) {
    return jdbc.sql(
            "DELETE FROM " + table + " WHERE tenant_id = :tenant_id AND contact IN (:contacts)")
        .param("tenant_id", tenantId)
        .param("contacts", contacts)
        .update();
  }

  private int deleteLinks(String tenantId, List<String> contacts) {
    List<String> phones = new ArrayList<>();
    List<String> lids = new ArrayList<>();
    for (String contact : contacts) {
      String lid = ConversationKey.lidDigits(contact);
      (lid == null ? phones : lids).add(lid == null ? contact : lid);
    }
    return jdbc.sql(
            """
            DELETE FROM contact_identity
             WHERE tenant_id = :tenant_id AND (phone IN (:phones) OR lid IN (:lids))
            """)
        .param("tenant_id", tenantId)
        .param("phones", orNone(phones))
        .param("lids", orNone(lids))
        .update();
  }

  /**
   * The patient's WhatsApp sends: the ledger records each under the contact's recipient (the reply
   * goes to the webhook's phone digits, or to the LID's JID), as {@link ConversationKey#recipient}.
   */
  private int deleteSent(String tenantId, List<String> contacts) {
    List<String> recipients = contacts.stream().map(ConversationKey::recipient).toList();
    return jdbc.sql(
            """
            DELETE FROM outbound_message
             WHERE tenant_id = :tenant_id AND channel = 'WHATSAPP' AND recipient IN (:recipients)
            """)
        .param("tenant_id", tenantId)
        .param("recipients", recipients)
        .update();
  }

  /**
   * The ledger's rows of the patient's messages keep the message id (a random string of the
   * provider's, naming nobody) and lose the workflow id; a message claimed but not yet signalled
   * counts as signalled, so its redelivery is a duplicate rather than a new conversation.
   */
  private int unlinkReceived(String tenantId, List<String> workflowIds) {
    return jdbc.sql(
            """
            UPDATE processed_message
               SET workflow_id = :erased, signalled_at = COALESCE(signalled_at, now())
             WHERE %s
            """
                .formatted(OF_PATIENT_WORKFLOWS))
        .param("erased", ERASED_WORKFLOW)
        .param("tenant_id", tenantId)
        .param("ids", workflowIds)
        .update();
  }

  private int deleteActivityLines(String tenantId, List<String> workflowIds) {
    return jdbc.sql("DELETE FROM tenant_activity_log WHERE " + OF_PATIENT_WORKFLOWS)
        .param("tenant_id", tenantId)
        .param("ids", workflowIds)
        .update();
  }

  private static ActivityLogEntry logLine(
      String tenantId, int contacts, String requestedBy, Erased erased) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("requested_by", requestedBy);
    details.put("contacts", contacts);
    details.put("conversations", erased.conversations());
    details.put("messages", erased.messages());
    details.put("contact_links", erased.contactLinks());
    details.put("sent_messages", erased.sentMessages());
    details.put("received_messages", erased.receivedMessages());
    details.put("activity_lines", erased.activityLines());
    return new ActivityLogEntry(tenantId, "patient_erased", details, null);
  }

  /** SQL's {@code IN ()} is a syntax error: an empty list matches nothing instead. */
  private static List<String> orNone(List<String> values) {
    return values.isEmpty() ? List.of("") : values;
  }
}
