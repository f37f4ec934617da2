package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationSummary;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.patient.OperatorRetry;
import com.clinicflow.workflows.patient.OperatorSkip;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.List;
import java.util.Map;

/**
 * The staff's side of a conversation that needs attention: the alert in the chat names it, and
 * staff can list those waiting, have the assistant try the patient's message again, or give it up
 * and answer the patient themselves ({@code send_message_to_patient}). The same {@code retry} and
 * {@code skip} signals an operator sends from the admin API, so the conversation acts on them in
 * order with its turns and a stray one (the conversation moved on) does nothing. Only the clinic's
 * own conversations, and only those its rows say are waiting.
 */
final class AttentionTools {

  private AttentionTools() {}

  /**
   * {@code patients_needing_attention}: the clinic's conversations waiting, longest first, each
   * listed one with when it will try again by itself when it will (its workflow's {@code state}).
   */
  static final class Waiting extends StaffTool {

    private final ConversationRepository conversations;
    private final PatientConversations workflows;

    Waiting(
        CachedTenants tenants,
        ConversationRepository conversations,
        PatientConversations workflows) {
      super(
          "patients_needing_attention",
          "The patients whose last message the assistant could not answer (they got the clinic's"
              + " fallback message), longest waiting first, with since when and why, and when the"
              + " assistant will try again by itself if it will.",
          Map.of(),
          List.of(),
          tenants);
      this.conversations = conversations;
      this.workflows = workflows;
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      TenantConfig clinic = clinic(invocation);
      List<ConversationSummary> waiting =
          conversations.listNeedingAttention(clinic.tenantId(), null, PatientListing.MAX_READ);
      return PatientListing.of(
          waiting,
          c -> {
            Map<String, Object> patient =
                PatientListing.patient(c, "waiting_since", c.needsAttentionSince(), clinic);
            patient.put("error", c.lastError());
            workflows
                .nextAutomaticRetry(c.workflowId())
                .ifPresent(
                    at -> patient.put("retries_by_itself_at", PatientListing.local(at, clinic)));
            return patient;
          });
    }
  }

  /**
   * {@code retry_all_waiting_patients}: after an outage, the {@code retry} signal to each of the
   * clinic's waiting conversations, longest waiting first, at most {@link #MAX_RETRIED_AT_ONCE}; a
   * row whose conversation no longer runs is counted apart. Asking again is safe: a conversation no
   * longer waiting ignores a retry.
   */
  static final class RetryAll extends StaffTool {

    /** As the admin API's retry-all default: more waits for the next call. */
    static final int MAX_RETRIED_AT_ONCE = 100;

    private final ConversationRepository conversations;
    private final PatientConversations workflows;

    RetryAll(
        CachedTenants tenants,
        ConversationRepository conversations,
        PatientConversations workflows) {
      super(
          "retry_all_waiting_patients",
          "Once the cause of an outage is fixed, has the assistant try again to answer every"
              + " patient whose message it could not answer (see patients_needing_attention).",
          Map.of(),
          List.of(),
          tenants);
      this.conversations = conversations;
      this.workflows = workflows;
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      TenantConfig clinic = clinic(invocation);
      OperatorRetry retry = new OperatorRetry(invocation.conversationId());
      int retried = 0;
      int notRunning = 0;
      for (ConversationSummary waiting :
          conversations.listNeedingAttention(clinic.tenantId(), null, MAX_RETRIED_AT_ONCE)) {
        if (workflows.retry(waiting.workflowId(), retry)) {
          retried++;
        } else {
          notRunning++;
        }
      }
      return Map.of("retrying", retried, "no_longer_running", notRunning);
    }
  }

  /**
   * {@code retry_patient_conversation} and {@code skip_patient_turn}: a signal to one waiting
   * conversation of the clinic, from the staff chat that asked (its conversation id is the {@code
   * requested_by} of the activity log).
   */
  static final class Resolve extends StaffTool {

    private final ConversationRepository conversations;
    private final PatientConversations workflows;
    private final boolean retry;

    private Resolve(
        String name,
        String description,
        CachedTenants tenants,
        ConversationRepository conversations,
        PatientConversations workflows,
        boolean retry) {
      super(name, description, CONTACT, List.of("contact"), tenants);
      this.conversations = conversations;
      this.workflows = workflows;
      this.retry = retry;
    }

    static Resolve retry(
        CachedTenants tenants,
        ConversationRepository conversations,
        PatientConversations workflows) {
      return new Resolve(
          "retry_patient_conversation",
          "Has the assistant try again to answer a patient whose message it could not answer"
              + " (see patients_needing_attention); useful once the cause is fixed.",
          tenants,
          conversations,
          workflows,
          true);
    }

    static Resolve skip(
        CachedTenants tenants,
        ConversationRepository conversations,
        PatientConversations workflows) {
      return new Resolve(
          "skip_patient_turn",
          "Gives up the unanswered message of a patient who needs attention, when staff answer"
              + " the patient themselves (send_message_to_patient); the assistant answers the"
              + " patient's next messages as usual.",
          tenants,
          conversations,
          workflows,
          false);
    }

    @Override
    public Map<String, Object> handle(ToolInvocation invocation) {
      TenantConfig clinic = clinic(invocation);
      String contact = patientContact(invocation);
      String workflowId =
          conversations
              .find(clinic.tenantId(), contact)
              .filter(c -> c.status() == ConversationStatus.NEEDS_ATTENTION)
              .map(ConversationSummary::workflowId)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no conversation with " + contact + " is waiting for attention"));
      String by = invocation.conversationId();
      boolean signalled =
          retry
              ? workflows.retry(workflowId, new OperatorRetry(by))
              : workflows.skip(workflowId, new OperatorSkip(by));
      if (!signalled) {
        throw new IllegalArgumentException(
            "the conversation with " + contact + " is no longer running");
      }
      return Map.of("status", retry ? "retrying" : "skipped", "conversation", workflowId);
    }
  }
}
