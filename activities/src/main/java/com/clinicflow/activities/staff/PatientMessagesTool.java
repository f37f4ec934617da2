package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationSummary;
import com.clinicflow.activities.store.TranscriptEntry;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.patient.UnansweredMessage;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code patient_messages}: the latest messages of one of the clinic's patients, so that staff
 * answering an alert, or about to write to the patient themselves, know what was said without the
 * clinic's phone at hand. Read from the clinic's stored transcript (every contact the clinic knows
 * the patient by), oldest first, each with who wrote it and when in the clinic's time: the patient,
 * the assistant (with the tools it used) or the clinic (its phone, or {@code
 * send_message_to_patient}). Tool results are left out; media reads as what it said, once heard.
 * For a conversation that needs attention, {@code unanswered} adds what the patient wrote that the
 * assistant could not answer: the conversation's workflow holds it until the turn is answered.
 *
 * <p>What this tool answers goes into the staff chat's own memory and Telegram, which a patient's
 * erasure does not reach (decision 0025 keeps staff's chats): texts are cut at {@link #MAX_TEXT}.
 */
final class PatientMessagesTool extends StaffTool {

  static final int DEFAULT_SHOWN = 10;
  static final int MAX_SHOWN = 20;

  /** Characters of one message shown; a longer one ends in an ellipsis. */
  static final int MAX_TEXT = 500;

  /** Stored messages read per message shown: tool calls and results take rows of their own. */
  private static final int ROWS_PER_SHOWN = 4;

  private final ConversationRepository conversations;
  private final PatientConversations workflows;

  PatientMessagesTool(
      CachedTenants tenants, ConversationRepository conversations, PatientConversations workflows) {
    super(
        "patient_messages",
        "The latest messages between the clinic and one patient on WhatsApp (what the patient"
            + " wrote, what the assistant answered and what staff sent), oldest first, with when"
            + " and who wrote each. Use it before answering a patient who needs attention.",
        withLimit(),
        List.of("contact"),
        tenants);
    this.conversations = conversations;
    this.workflows = workflows;
  }

  private static Map<String, Object> withLimit() {
    Map<String, Object> properties = new LinkedHashMap<>(CONTACT);
    properties.put(
        "limit",
        prop(
            "integer",
            "How many of the latest messages, "
                + DEFAULT_SHOWN
                + " unless said, at most "
                + MAX_SHOWN));
    return properties;
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic = clinic(invocation);
    String contact = patientContact(invocation);
    int shown = shown(optionalInt(invocation, "limit"));
    List<Map<String, Object>> messages = new ArrayList<>();
    for (TranscriptEntry entry :
        conversations.transcript(clinic.tenantId(), contact, shown * ROWS_PER_SHOWN)) {
      line(entry, clinic).ifPresent(messages::add);
    }
    Optional<ConversationSummary> row = conversations.find(clinic.tenantId(), contact);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("contact", contact);
    result.put("name", row.map(ConversationSummary::displayName).orElse(null));
    result.put("messages", messages.subList(Math.max(0, messages.size() - shown), messages.size()));
    row.filter(c -> c.status() == ConversationStatus.NEEDS_ATTENTION)
        .ifPresent(waiting -> result.put("unanswered", unanswered(waiting, clinic)));
    return result;
  }

  /**
   * What the patient of a waiting conversation wrote that the assistant could not answer: held by
   * the conversation's workflow, not yet in the transcript. A conversation Temporal cannot ask now
   * says so rather than failing the staff's question.
   */
  private Object unanswered(ConversationSummary waiting, TenantConfig clinic) {
    return workflows
        .unanswered(waiting.workflowId())
        .<Object>map(
            held ->
                held.stream()
                    .map(
                        m -> {
                          Map<String, Object> line = new LinkedHashMap<>();
                          line.put("at", PatientListing.local(m.sentAt(), clinic));
                          line.put("text", cut(said(m)));
                          return line;
                        })
                    .toList())
        .orElse("could not be read just now; ask again in a moment");
  }

  private static String said(UnansweredMessage message) {
    String words = message.text() == null ? "" : message.text();
    String sent =
        switch (message.kind()) {
          case TEXT -> null;
          case AUDIO -> "(voice note)";
          case IMAGE -> "(photo)";
          case DOCUMENT -> "(document)";
          case VIDEO -> "(video)";
          case UNSUPPORTED -> "(an attachment)";
        };
    return sent == null ? words : words.isBlank() ? sent : sent + " " + words;
  }

  private static int shown(Integer asked) {
    if (asked == null) {
      return DEFAULT_SHOWN;
    }
    if (asked < 1 || asked > MAX_SHOWN) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_SHOWN);
    }
    return asked;
  }

  /** One stored message as staff read it; nothing for a message of tool results alone. */
  private static Optional<Map<String, Object>> line(TranscriptEntry entry, TenantConfig clinic) {
    ChatMessage message = entry.message();
    List<String> said = new ArrayList<>();
    List<String> tools = new ArrayList<>();
    for (ChatPart part : message.parts()) {
      if (part.text() != null) {
        said.add(part.text());
      } else if (part.media() != null) {
        String kind = part.media().kind().label();
        said.add(
            part.transcript() == null
                ? "(" + kind + ", not yet heard)"
                : "(" + kind + ") " + part.transcript());
      } else if (part.toolCall() != null) {
        tools.add(part.toolCall().name());
      }
    }
    if (said.isEmpty() && tools.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("at", PatientListing.local(entry.createdAt(), clinic));
    line.put("from", from(message.role()));
    if (!said.isEmpty()) {
      line.put("text", cut(String.join("\n", said)));
    }
    if (!tools.isEmpty()) {
      line.put("tools_used", tools);
    }
    return Optional.of(line);
  }

  private static String from(ChatRole role) {
    return switch (role) {
      case USER -> "patient";
      case MODEL -> "assistant";
      case STAFF -> "clinic";
    };
  }

  private static String cut(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }
}
