package com.clinicflow.activities.staff;

import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationKey;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.ConversationView;
import com.clinicflow.workflows.patient.OperatorRetry;
import com.clinicflow.workflows.patient.OperatorSkip;
import com.clinicflow.workflows.patient.PatientHandler;
import com.clinicflow.workflows.patient.StaffOutbound;
import com.clinicflow.workflows.patient.UnansweredMessage;
import com.clinicflow.workflows.tenant.TenantConfig;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reaches a patient's conversation ({@code patient:{tenant}:{phone}}) from the staff tools, with
 * signal-with-start: a conversation that is not running is started (with the deployment's
 * conversation settings) so that what staff do always goes through the patient's own workflow and
 * ends up in its transcript. Returns once Temporal recorded the signal; the conversation acts on it
 * in order with its turns.
 */
public class PatientConversations {

  private final WorkflowClient client;
  private final String taskQueue;
  private final ConversationSettings settings;

  /**
   * @param settings how conversations started here behave (the API's {@code
   *     clinicflow.conversation.*}), so a conversation staff started acts like one a patient did
   */
  public PatientConversations(
      WorkflowClient client, String taskQueue, ConversationSettings settings) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.settings = settings;
  }

  /**
   * @return the conversation's workflow id
   */
  public String sendStaffMessage(TenantConfig clinic, String phone, StaffOutbound message) {
    return signalWithStart(clinic, phone, conversation -> conversation.staffMessage(message));
  }

  /**
   * @return the conversation's workflow id
   */
  public String pause(TenantConfig clinic, String phone, BotPause pause) {
    return signalWithStart(clinic, phone, conversation -> conversation.pause(pause));
  }

  /**
   * Asks a waiting conversation to run its failed turn again; never starts one.
   *
   * @return false when no workflow runs under this id
   */
  public boolean retry(String workflowId, OperatorRetry retry) {
    return signalRunning(workflowId, conversation -> conversation.retry(retry));
  }

  /**
   * Gives up the failed turn of a waiting conversation; never starts one.
   *
   * @return false when no workflow runs under this id
   */
  public boolean skip(String workflowId, OperatorSkip skip) {
    return signalRunning(workflowId, conversation -> conversation.skip(skip));
  }

  /**
   * The patient's messages a conversation holds unanswered ({@link PatientHandler#unanswered}).
   *
   * @return empty when it cannot be asked: no workflow under this id, or Temporal did not answer
   */
  public Optional<List<UnansweredMessage>> unanswered(String workflowId) {
    return query(workflowId, PatientHandler::unanswered);
  }

  /**
   * When a waiting conversation will try its turn again by itself ({@code state} query, decision
   * 0028).
   *
   * @return empty when it will not, or when it cannot be asked (not running, Temporal silent)
   */
  public Optional<Instant> nextAutomaticRetry(String workflowId) {
    return query(workflowId, PatientHandler::state).map(ConversationView::nextAutomaticRetryAt);
  }

  /** The conversation's answer to a query; empty when it cannot be asked or answers nothing. */
  private <T> Optional<T> query(String workflowId, Function<PatientHandler, T> query) {
    try {
      return Optional.ofNullable(
          query.apply(client.newWorkflowStub(PatientHandler.class, workflowId)));
    } catch (WorkflowException e) {
      return Optional.empty();
    }
  }

  private boolean signalRunning(String workflowId, Consumer<PatientHandler> signal) {
    try {
      signal.accept(client.newWorkflowStub(PatientHandler.class, workflowId));
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private String signalWithStart(
      TenantConfig clinic, String phone, Consumer<PatientHandler> signal) {
    String workflowId = ConversationKey.workflowId(clinic.tenantId(), phone);
    PatientHandler conversation =
        client.newWorkflowStub(
            PatientHandler.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(
        conversation::run,
        ConversationStart.fresh(
            clinic.tenantId(), phone, clinic.evolutionInstanceName(), settings));
    request.add(() -> signal.accept(conversation));
    client.signalWithStart(request);
    return workflowId;
  }
}
