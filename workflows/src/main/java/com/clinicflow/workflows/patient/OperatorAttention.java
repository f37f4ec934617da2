package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.common.Waits;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.staff.StaffAlert;
import com.clinicflow.workflows.staff.StaffAlertActivities;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.TenantResolution;
import com.clinicflow.workflows.tenant.TenantStoreActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * A patient's turn that failed past its retry budget. The patient gets the clinic's fallback
 * message (once per turn), the conversation shows {@code NEEDS_ATTENTION} (status, activity log,
 * the clinic's Telegram alert), and it waits for an operator: a retry runs the turn again from
 * where it stopped, a skip gives it up.
 *
 * <p>A turn that failed on a passing outage (a vendor down, busy or slow: any failure type but the
 * {@link Errors} an operator must fix) is also tried again by itself after each of the settings'
 * {@code automaticRetries} waits (5 min, 30 min, 2 h by default), so a night's outage heals without
 * anyone awake. Only its first failure alerts the clinic; an automatic attempt that fails again
 * waits quietly for the next, and a conversation staff paused or answered meanwhile is left to
 * them. What staff send the patient from Telegram while the turn waits goes out at once ({@link
 * StaffMessagesWhileWaiting}).
 */
final class OperatorAttention {

  /** Records a status of the conversation (PostgreSQL and the search attribute). */
  interface StatusPublisher {
    void publish(ConversationStatus status, Instant until, String reason);
  }

  private static final Logger log = Workflow.getLogger(OperatorAttention.class);

  private final ConversationStart start;
  private final WhatsAppActivities whatsApp;
  private final AutomaticRetries automaticRetries;
  private final StaffMessagesWhileWaiting staffMessages;
  private final StaffAlertActivities alerts = ActivityStubs.database(StaffAlertActivities.class);

  /** The failed turn that waits for an operator; null when none waits. */
  private Turn waitingTurn;

  private String lastError;
  private boolean retryRequested;
  private String skipRequestedBy;
  private Instant nextAutomaticRetryAt;

  OperatorAttention(
      ConversationStart start,
      WhatsAppActivities whatsApp,
      List<Duration> automaticRetries,
      StaffMessagesWhileWaiting.Outbox staffOutbox) {
    this.start = start;
    this.whatsApp = whatsApp;
    this.automaticRetries = new AutomaticRetries(automaticRetries);
    this.staffMessages = new StaffMessagesWhileWaiting(staffOutbox);
  }

  /** Whether a failed turn waits for an operator (the conversation is NEEDS_ATTENTION). */
  boolean waiting() {
    return waitingTurn != null;
  }

  /** The patient's messages of the turn that waits; none when no turn waits. */
  List<InboundMessage> waitingMessages() {
    return waitingTurn != null ? waitingTurn.messages : List.of();
  }

  /** When the turn that waits will be tried again by itself, or null (the {@code state} query). */
  Instant nextAutomaticRetryAt() {
    return nextAutomaticRetryAt;
  }

  /** The failure type of the turn that waits, or null. */
  String lastError() {
    return lastError;
  }

  /** An operator's retry: honoured only while a turn waits (a stray signal does nothing). */
  void retry() {
    if (waiting()) {
      retryRequested = true;
    }
  }

  /** An operator's skip: honoured only while a turn waits. */
  void skip(OperatorSkip skip) {
    if (waiting()) {
      skipRequestedBy =
          skip == null || skip.requestedBy() == null || skip.requestedBy().isBlank()
              ? "operator"
              : skip.requestedBy();
    }
  }

  /**
   * Tells the patient, the clinic and the operators that {@code turn} failed, and waits for an
   * operator. True when they asked for a retry (run the turn again); false when they skipped it
   * (recorded here: the turn is over).
   */
  boolean awaitRetry(
      Turn turn,
      TemporalFailure failure,
      TenantStoreActivities tenantStore,
      StatusPublisher status,
      BooleanSupplier staffTookOver) {
    announce(turn, failure, tenantStore, status);
    staffMessages.start();
    String skippedBy =
        awaitOperator(turn, () -> staffTookOver.getAsBoolean() || staffMessages.delivered());
    staffMessages.stop();
    String failedWith = lastError;
    waitingTurn = null;
    lastError = null;
    if (skippedBy != null) {
      recordSkip(turn, skippedBy, tenantStore, status);
      return false;
    }
    if (turn.attemptIsAutomatic) {
      recordAutomaticRetry(turn, failedWith, tenantStore, status);
    } else {
      status.publish(ConversationStatus.ACTIVE, null, "operator_retry");
    }
    return true;
  }

  private void announce(
      Turn turn,
      TemporalFailure failure,
      TenantStoreActivities tenantStore,
      StatusPublisher status) {
    lastError = Errors.typeOf(failure);
    waitingTurn = turn;
    log.warn(
        "Turn {} failed past its retry budget ({}); waiting for an operator", turn.key, lastError);
    try {
      if (!turn.fallbackSent
          && !turn.replySent
          && turn.resolution instanceof TenantResolution.Resolved resolved) {
        whatsApp.sendText(
            new OutboundMessage(
                turn.key + ":fallback",
                start.tenantId(),
                start.instanceName(),
                turn.last().replyTo(),
                resolved.config().fallbackMessage()));
        turn.fallbackSent = true;
      }
      status.publish(ConversationStatus.NEEDS_ATTENTION, null, lastError);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("turn_key", turn.key);
      details.put("error", lastError);
      tenantStore.recordActivity(
          new ActivityLogEntry(start.tenantId(), "needs_attention", details, workflowId()));
    } catch (ActivityFailure secondFailure) {
      // The fallback or the status could not be recorded either (e.g. the gateway is down too).
      // The workflow state still says NEEDS_ATTENTION, and an operator's retry re-runs the turn.
      log.warn("Could not notify about turn {}: {}", turn.key, Errors.typeOf(secondFailure));
    }
    // New in version 1: runs that needed attention before it replay without the alert. An
    // automatic retry that failed again says nothing new to the clinic: its alert went out.
    if (!turn.attemptIsAutomatic && Changes.isOn(Changes.NEEDS_ATTENTION_ALERT)) {
      try {
        alerts.raise(
            StaffAlert.needsAttention(
                start.tenantId(),
                workflowId(),
                Workflow.randomUUID().toString(),
                lastError,
                automaticRetries.left(turn, lastError)));
      } catch (ActivityFailure alertFailure) {
        log.warn("Could not alert the clinic about turn {}", turn.key);
      }
    }
  }

  /**
   * Waits for an operator, or for the turn's next automatic retry: null for a retry ({@code
   * turn.attemptIsAutomatic} says which), else who skipped the turn.
   */
  private String awaitOperator(Turn turn, BooleanSupplier staffTookOver) {
    while (true) {
      if (!awaitSignal(turn)) {
        turn.automaticRetries++;
        if (staffTookOver.getAsBoolean()) {
          continue; // staff paused the bot for this patient: the turn is theirs to resolve
        }
        turn.attemptIsAutomatic = true;
        return null;
      }
      String skippedBy = skipRequestedBy;
      skipRequestedBy = null;
      if (retryRequested) {
        retryRequested = false;
        turn.attemptIsAutomatic = false;
        return null;
      }
      // New in this release: a worker before it had no skip and kept waiting for a retry.
      if (Changes.isOn(Changes.OPERATOR_SKIP)) {
        return skippedBy;
      }
    }
  }

  /** Waits for an operator's signal or the turn's next automatic retry: false for the latter. */
  private boolean awaitSignal(Turn turn) {
    Duration untilAutomatic = automaticRetries.nextWait(turn, lastError);
    if (untilAutomatic == null) {
      Workflow.await(() -> retryRequested || skipRequestedBy != null);
      return true;
    }
    nextAutomaticRetryAt = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(untilAutomatic);
    boolean signalled =
        Waits.await(untilAutomatic, () -> retryRequested || skipRequestedBy != null);
    nextAutomaticRetryAt = null;
    return signalled;
  }

  private void recordAutomaticRetry(
      Turn turn, String failedWith, TenantStoreActivities tenantStore, StatusPublisher status) {
    log.info("Turn {} tried again by itself (attempt {})", turn.key, turn.automaticRetries);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("turn_key", turn.key);
    details.put("attempt", turn.automaticRetries);
    details.put("error", failedWith);
    try {
      status.publish(ConversationStatus.ACTIVE, null, "automatic_retry");
      tenantStore.recordActivity(
          new ActivityLogEntry(start.tenantId(), "automatic_retry", details, workflowId()));
    } catch (ActivityFailure failure) {
      // The retry runs anyway; only its record is missing (the history still shows it).
      log.warn("Could not record the automatic retry of turn {}", turn.key);
    }
  }

  /**
   * The turn an operator gave up: its messages stay out of memory (what the model refused would be
   * refused again in every later turn) and in the workflow's history; tool calls it made stand.
   */
  private void recordSkip(
      Turn turn, String by, TenantStoreActivities tenantStore, StatusPublisher status) {
    log.warn("Turn {} skipped by an operator", turn.key);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("turn_key", turn.key);
    details.put("requested_by", by);
    details.put("messages", turn.messages.size());
    try {
      status.publish(ConversationStatus.ACTIVE, null, "operator_skip");
      tenantStore.recordActivity(
          new ActivityLogEntry(start.tenantId(), "turn_skipped", details, workflowId()));
    } catch (ActivityFailure failure) {
      // The skip stands; only its record is missing (the history still shows it).
      log.warn("Could not record the skip of turn {}: {}", turn.key, Errors.typeOf(failure));
    }
  }

  private static String workflowId() {
    return Workflow.getInfo().getWorkflowId();
  }
}
