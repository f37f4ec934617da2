package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.agent.AgentLoop;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ToolOffer;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.conversation.ConversationStoreActivities;
import com.clinicflow.workflows.conversation.Memory;
import com.clinicflow.workflows.conversation.MemoryRequest;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.SendReceipt;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantResolution;
import com.clinicflow.workflows.tenant.TenantStoreActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One patient turn of {@link PatientHandlerImpl}: the clinic's checks ({@link TenantGate}), the
 * model with the conversation's memory and the clinic's tools ({@link AgentLoop}), then the reply
 * and the transcript. What a step achieved is kept in the {@link Turn}, so a run after an
 * operator's retry continues where the failed one stopped. The conversation around it (bursts,
 * pauses, operators, runs) stays in {@link PatientHandlerImpl}.
 */
final class TurnRunner {

  private final ConversationStart start;
  private final ConversationSettings settings;
  private final ConversationStoreActivities store;
  private final TenantStoreActivities tenantStore;
  private final WhatsAppActivities whatsApp;
  private final WhatsAppActivities localWhatsApp;

  TurnRunner(
      ConversationStart start,
      ConversationSettings settings,
      ConversationStoreActivities store,
      TenantStoreActivities tenantStore,
      WhatsAppActivities whatsApp,
      WhatsAppActivities localWhatsApp) {
    this.start = start;
    this.settings = settings;
    this.store = store;
    this.tenantStore = tenantStore;
    this.whatsApp = whatsApp;
    this.localWhatsApp = localWhatsApp;
  }

  /**
   * Runs {@code turn}, or what is left of it when an operator retries it: the clinic's checks, the
   * model, the reply and the transcript. An activity that fails past its budget fails the call.
   */
  void run(Turn turn) {
    EarlyLoads early = turnStartsEarly() ? startLoads(turn) : EarlyLoads.NONE;
    if (turn.resolution == null) {
      turn.resolution = TenantGate.resolve(start, turn.key);
    }
    if (turn.resolution instanceof TenantResolution.Resolved resolved) {
      converse(turn, resolved.config(), early);
    } else if (turn.resolution instanceof TenantResolution.QuotaExceeded exceeded) {
      TenantGate.quotaNotice(start, turn.last().replyTo(), exceeded);
    }
    // Unknown, inactive or unauthorised: the clinic does not answer (the loader logged why).
  }

  /** The memory and the tools the model's call will need, asked for now ({@link EarlyLoads}). */
  private EarlyLoads startLoads(Turn turn) {
    if (turn.replyText() != null || PatientWords.onlyUnreadable(turn)) {
      return EarlyLoads.NONE; // the model will not be asked
    }
    Promise<Memory> memory =
        turn.memory() == null ? Async.function(store::loadMemory, memoryRequest()) : null;
    return new EarlyLoads(memory, agent().offerTools());
  }

  private void converse(Turn turn, TenantConfig config, EarlyLoads early) {
    if (PatientWords.onlyUnreadable(turn)) {
      turn.setReplyText(CourtesyReplies.unsupportedMessage(config.language()));
      turn.newMessages().clear();
      turn.newMessages().add(patientMessage(turn));
      turn.newMessages().add(ChatMessage.modelText(turn.replyText()));
    } else if (turn.replyText() == null) {
      if (turn.memory() == null) {
        Memory memory =
            early.memory() != null ? early.memory().get() : store.loadMemory(memoryRequest());
        turn.setMemory(memory.messages());
      }
      String instruction = SystemInstruction.forPatient(config, now(), turn.displayName());
      AgentLoop agent = agent();
      ToolOffer tools = early.tools() != null ? early.tools() : agent.offerTools();
      agent.run(turn, patientMessage(turn), instruction, tools);
    }
    boolean sendWritesLogLine = false;
    if (turn.replyText().isBlank() || !replyBesideTranscript()) {
      if (!turn.saved) {
        store.saveTurn(transcript(turn));
        turn.saved = true;
      }
      if (!turn.replyText().isBlank()) {
        replySender().sendText(reply(turn));
      }
    } else {
      sendWritesLogLine = Changes.isOn(Changes.SEND_WRITES_LOG_LINE);
      replyWhileSaving(
          turn, sendWritesLogLine ? reply(turn).loggedAs(replySent(turn)) : reply(turn));
    }
    if (!sendWritesLogLine) {
      tenantStore.recordActivity(replySent(turn));
    }
  }

  /** The turn's {@code reply_sent} line of the clinic's activity log. */
  private ActivityLogEntry replySent(Turn turn) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("turn_key", turn.key);
    details.put("messages", turn.messages.size());
    details.put("tool_rounds", turn.toolRounds());
    return new ActivityLogEntry(start.tenantId(), "reply_sent", details, workflowId());
  }

  /**
   * Sends the reply and saves the transcript at the same time, as two local activities of one
   * workflow task: the patient no longer waits for the save (~2 ms). The next turn starts only
   * after both, so its memory has this one. Each that succeeded is not done again when an operator
   * retries the turn after the other failed past its budget; a reply already sent also spares the
   * patient the fallback message. Since {@link Changes#SEND_WRITES_LOG_LINE} the send writes the
   * turn's {@code reply_sent} line ({@code reply}'s log line) in the commit that records it as
   * sent: no third local activity, no commit of its own.
   */
  private void replyWhileSaving(Turn turn, OutboundMessage reply) {
    Promise<Void> saving =
        turn.saved ? Workflow.newPromise(null) : Async.procedure(store::saveTurn, transcript(turn));
    Promise<SendReceipt> sending =
        turn.replySent ? Workflow.newPromise(null) : Async.function(replySender()::sendText, reply);
    ActivityFailure sendFailure = failureOf(sending);
    turn.replySent = sendFailure == null;
    ActivityFailure saveFailure = failureOf(saving);
    turn.saved = saveFailure == null;
    if (sendFailure != null) {
      throw sendFailure;
    }
    if (saveFailure != null) {
      throw saveFailure;
    }
  }

  /** Waits for {@code call}; its failure, or null when it succeeded. */
  private static ActivityFailure failureOf(Promise<?> call) {
    try {
      call.get();
      return null;
    } catch (ActivityFailure failure) {
      return failure;
    }
  }

  private TurnRecord transcript(Turn turn) {
    return new TurnRecord(
        start.tenantId(),
        start.contact(),
        workflowId(),
        turn.key,
        turn.displayName(),
        turn.newMessages(),
        !turn.replyText().isBlank(),
        turn.heardEarlier());
  }

  private OutboundMessage reply(Turn turn) {
    return new OutboundMessage(
        turn.key + ":reply",
        start.tenantId(),
        start.instanceName(),
        turn.last().replyTo(),
        turn.replyText());
  }

  private AgentLoop agent() {
    return new AgentLoop(
        start.tenantId(), start.contact(), ToolScope.Audience.PATIENT, settings.maxToolRounds());
  }

  private MemoryRequest memoryRequest() {
    return new MemoryRequest(start.tenantId(), start.contact(), settings.memoryWindow());
  }

  /** New in version 1 of {@link Changes#TURN_STARTS_EARLY}. */
  static boolean turnStartsEarly() {
    return Changes.isOn(Changes.TURN_STARTS_EARLY);
  }

  /** New in version 1 of {@link Changes#REPLY_BESIDE_TRANSCRIPT}. */
  private static boolean replyBesideTranscript() {
    return Changes.isOn(Changes.REPLY_BESIDE_TRANSCRIPT);
  }

  /**
   * The reply's sender: a local activity since {@link Changes#LOCAL_REPLY_SEND}. Staff messages,
   * the quota notice and the fallback stay regular activities: they are rare, and a regular
   * activity is easier to follow in the Temporal UI.
   */
  private WhatsAppActivities replySender() {
    return Changes.isOn(Changes.LOCAL_REPLY_SEND) ? localWhatsApp : whatsApp;
  }

  private ChatMessage patientMessage(Turn turn) {
    return PatientWords.of(turn, start.tenantId());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static String workflowId() {
    return Workflow.getInfo().getWorkflowId();
  }
}
