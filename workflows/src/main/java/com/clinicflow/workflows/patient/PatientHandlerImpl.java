package com.clinicflow.workflows.patient;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.common.IdleTimer;
import com.clinicflow.workflows.common.SearchAttributes;
import com.clinicflow.workflows.common.Waits;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.conversation.ConversationStoreActivities;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.TenantStoreActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** See {@link PatientHandler}. */
public class PatientHandlerImpl implements PatientHandler {

  /** Redeliveries come within minutes; remembering the latest few hundred ids is plenty. */
  static final int SEEN_IDS_KEPT = 500;

  /** Staff message keys share the seen set with provider ids, under this prefix. */
  static final String STAFF_KEY = "staff-message:";

  private static final Logger log = Workflow.getLogger(PatientHandlerImpl.class);

  /** WhatsApp's order of messages, never their arrival order. */
  private static final Comparator<InboundMessage> IN_SENT_ORDER =
      Comparator.comparing(m -> m.sentAt() == null ? Instant.EPOCH : m.sentAt());

  /** Set when the run starts: local or regular activities depending on when it was recorded. */
  private ConversationStoreActivities store;

  private TenantStoreActivities tenantStore;
  private TurnRunner turns;
  private final WhatsAppActivities whatsApp = ActivityStubs.external(WhatsAppActivities.class);
  private final WhatsAppActivities localWhatsApp =
      ActivityStubs.localExternal(WhatsAppActivities.class);

  private final ConversationStart start;
  private final ConversationSettings settings;
  private final IdleTimer idle;
  private final List<InboundMessage> pending = new ArrayList<>();
  private final List<StaffOutbound> staffOutbox = new ArrayList<>();
  private final LinkedHashSet<String> seenIds = new LinkedHashSet<>();
  private Instant pausedUntil;
  private long turnsSoFar;
  private int turnsThisRun;
  private final OperatorAttention attention;
  private boolean searchable;

  /**
   * State is restored before any handler runs: with signal-with-start the first message's signal is
   * delivered in the same workflow task as the start, possibly before {@link #run} begins.
   */
  @WorkflowInit
  public PatientHandlerImpl(ConversationStart start) {
    this.start = start;
    this.settings = start.settings() == null ? ConversationSettings.defaults() : start.settings();
    this.idle = new IdleTimer(settings.idleTimeout());
    if (start.pending() != null) {
      pending.addAll(start.pending());
    }
    if (start.seenMessageIds() != null) {
      seenIds.addAll(start.seenMessageIds());
    }
    this.pausedUntil = start.pausedUntil();
    this.turnsSoFar = start.turnsSoFar();
    this.attention =
        new OperatorAttention(
            start,
            whatsApp,
            settings.automaticRetriesOrDefault(),
            new StaffMessagesWhileWaiting.Outbox() {
              @Override
              public boolean waiting() {
                return !staffOutbox.isEmpty();
              }

              @Override
              public void send() {
                sendStaffMessages();
              }
            });
  }

  @Override
  public void run(ConversationStart input) {
    // First, before any command: whether this run records one marker or one per change.
    Changes.startRun();
    // Histories recorded before search attributes existed replay without them.
    searchable = Changes.isOn(Changes.SEARCH_ATTRIBUTES);
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(
          SearchAttributes.TENANT_ID.valueSet(start.tenantId()),
          SearchAttributes.CHANNEL.valueSet("WHATSAPP"),
          SearchAttributes.CONVERSATION_STATUS.valueSet(ConversationStatus.ACTIVE.name()));
    }
    store = ActivityStubs.local(ConversationStoreActivities.class);
    tenantStore = ActivityStubs.local(TenantStoreActivities.class);
    turns = new TurnRunner(start, settings, store, tenantStore, whatsApp, localWhatsApp);
    while (true) {
      if (!idle.await(() -> !pending.isEmpty() || !staffOutbox.isEmpty())) {
        if (paused() && pauseOutlivesIdle()) {
          // A pause asked for from Telegram may be longer than the idle timeout; completing would
          // forget it and the next message would be answered.
          Workflow.await(Workflow::isEveryHandlerFinished);
          Workflow.continueAsNew(carryOver());
        }
        // Idle: complete. The next message starts a new run, and memory continues from PostgreSQL.
        log.info("Conversation idle for {}; completing", settings.idleTimeout());
        return;
      }
      // Empty (no command at all) unless staff asked for a message from Telegram.
      sendStaffMessages();
      if (pending.isEmpty()) {
        continue;
      }
      waitForQuiet();
      List<InboundMessage> batch = takePending();
      recordStaffMessages(batch);
      List<InboundMessage> fromPatient = batch.stream().filter(m -> !m.fromStaff()).toList();
      if (!fromPatient.isEmpty()) {
        answer(new Turn(Workflow.randomUUID().toString(), fromPatient));
      }
      if (turnsThisRun >= settings.turnsPerRun() || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        sendStaffMessages(); // the next run's input has no room for them
        Workflow.continueAsNew(carryOver());
      }
    }
  }

  @Override
  public void onMessage(InboundMessage message) {
    if (!seenIds.add(message.providerMessageId())) {
      return; // a redelivery the API's ledger did not catch (e.g. across a restart)
    }
    while (seenIds.size() > SEEN_IDS_KEPT) {
      seenIds.remove(seenIds.iterator().next());
    }
    if (message.fromStaff()) {
      // A human at the clinic answered from its own phone: the bot steps back for a while.
      pausedUntil = now().plus(settings.handoffPause());
    }
    pending.add(message);
  }

  @Override
  public void staffMessage(StaffOutbound message) {
    if (!seenIds.add(STAFF_KEY + message.idempotencyKey())) {
      return; // the staff tool ran again (retry) with the same key
    }
    while (seenIds.size() > SEEN_IDS_KEPT) {
      seenIds.remove(seenIds.iterator().next());
    }
    staffOutbox.add(message);
  }

  @Override
  public void pause(BotPause pause) {
    pausedUntil = pause.resumes() ? null : now().plus(pause.duration());
  }

  @Override
  public void retry(OperatorRetry retry) {
    attention.retry();
  }

  @Override
  public void skip(OperatorSkip skip) {
    attention.skip(skip);
  }

  @Override
  public ConversationView state() {
    ConversationStatus shown =
        attention.waiting()
            ? ConversationStatus.NEEDS_ATTENTION
            : paused() ? ConversationStatus.PAUSED : ConversationStatus.ACTIVE;
    return new ConversationView(
        start.tenantId(),
        start.contact(),
        shown,
        paused() ? pausedUntil : null,
        pending.size(),
        turnsSoFar,
        attention.lastError(),
        attention.nextAutomaticRetryAt());
  }

  @Override
  public List<UnansweredMessage> unanswered() {
    List<UnansweredMessage> unanswered = new ArrayList<>();
    attention.waitingMessages().forEach(m -> unanswered.add(UnansweredMessage.of(m)));
    pending.stream()
        .filter(m -> !m.fromStaff())
        .sorted(IN_SENT_ORDER)
        .forEach(m -> unanswered.add(UnansweredMessage.of(m)));
    return unanswered;
  }

  private ConversationStart carryOver() {
    return new ConversationStart(
        start.tenantId(),
        start.contact(),
        start.instanceName(),
        settings,
        List.copyOf(pending),
        List.copyOf(seenIds),
        pausedUntil,
        null,
        turnsSoFar);
  }

  /**
   * New in version 1 of "pause-outlives-idle": before it, a paused conversation completed when idle
   * like any other (runs recorded before it replay that way).
   */
  private static boolean pauseOutlivesIdle() {
    return Changes.isOn(Changes.PAUSE_OUTLIVES_IDLE);
  }

  /**
   * Messages staff sent from Telegram, in the order they asked: each is sent on WhatsApp with its
   * own key, then recorded in the transcript as a staff message (so the agent sees it next turn). A
   * send that fails for good (e.g. not a WhatsApp number) is logged and not recorded as said.
   */
  private void sendStaffMessages() {
    while (!staffOutbox.isEmpty()) {
      StaffOutbound message = staffOutbox.remove(0);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("idempotency_key", message.idempotencyKey());
      details.put("requested_by", message.requestedBy());
      try {
        whatsApp.sendText(
            new OutboundMessage(
                message.idempotencyKey(),
                start.tenantId(),
                start.instanceName(),
                recipient(),
                message.text()));
      } catch (ActivityFailure failure) {
        details.put("error", Errors.typeOf(failure));
        log.warn("Staff message {} not sent: {}", message.idempotencyKey(), Errors.typeOf(failure));
        tenantStore.recordActivity(
            new ActivityLogEntry(start.tenantId(), "staff_message_failed", details, workflowId()));
        continue;
      }
      ChatMessage said = new ChatMessage(ChatRole.STAFF, List.of(ChatPart.text(message.text())));
      store.saveTurn(
          turnRecord("staff-out-" + message.idempotencyKey(), null, List.of(said), true));
      tenantStore.recordActivity(
          new ActivityLogEntry(start.tenantId(), "staff_message_sent", details, workflowId()));
    }
  }

  /** Where WhatsApp reaches this patient: the phone digits, or the full JID of a LID. */
  private String recipient() {
    return ConversationKey.recipient(start.contact());
  }

  /**
   * A burst closes after {@code debounce} of quiet, and never waits past {@code maxBurstWait}.
   * Since {@link Changes#TURN_STARTS_EARLY} the quiet counts from the webhook's receipt ({@link
   * QuietWindow}).
   *
   * <p>Since {@link Changes#QUIET_TIMER_PER_BURST} a message that comes during the wait starts no
   * timer of its own: the burst sleeps until the earliest moment it could be over and, when that
   * timer fires, waits again for what the latest message left of the window. Before, every message
   * started a timer and the earlier ones, too short to cancel ({@link Waits}), each fired later
   * into a workflow task with nothing to do. The turn starts at the same moment either way.
   */
  private void waitForQuiet() {
    long burstStart = Workflow.currentTimeMillis();
    long cap = settings.maxBurstWait().toMillis();
    boolean fromReceipt = TurnRunner.turnStartsEarly();
    // Without receipts the window would restart at every wake-up: only with them.
    boolean oneTimerAtATime = fromReceipt && Changes.isOn(Changes.QUIET_TIMER_PER_BURST);
    while (true) {
      int seen = pending.size();
      long now = Workflow.currentTimeMillis();
      long left = cap - (now - burstStart);
      if (left <= 0) {
        return;
      }
      long quietLeft =
          fromReceipt
              ? QuietWindow.remainingMillis(pending, now, settings.debounce())
              : settings.debounce().toMillis();
      if (fromReceipt && quietLeft <= 0) {
        return; // quiet for the whole window already, e.g. while the previous turn ran
      }
      Duration wait = Duration.ofMillis(Math.min(quietLeft, left));
      if (oneTimerAtATime) {
        Workflow.sleep(wait);
        if (pending.size() == seen) {
          // Nothing came: quiet, whatever the receipts say (one from an API clock ahead of the
          // server's would otherwise keep the burst waiting past its window).
          return;
        }
        // Something came meanwhile: measure the quiet again, from its receipt.
      } else if (!Waits.await(wait, () -> pending.size() != seen)) {
        return;
      }
    }
  }

  /** Everything pending, in the order the patient sent it (webhooks may arrive out of order). */
  private List<InboundMessage> takePending() {
    List<InboundMessage> batch = new ArrayList<>(pending);
    pending.clear();
    batch.sort(IN_SENT_ORDER);
    return batch;
  }

  private void recordStaffMessages(List<InboundMessage> batch) {
    for (InboundMessage message : batch) {
      if (!message.fromStaff()) {
        continue;
      }
      ChatMessage staff =
          new ChatMessage(
              ChatRole.STAFF, List.of(ChatPart.text(PatientWords.fromClinicPhone(message))));
      store.saveTurn(
          turnRecord("staff-" + message.providerMessageId(), null, List.of(staff), false));
      publishStatus(ConversationStatus.PAUSED, pausedUntil, "staff_handoff");
    }
  }

  /** Answers one turn; on a failure past its retry budget, waits for an operator and resumes. */
  private void answer(Turn turn) {
    if (paused()) {
      store.saveTurn(turnRecord(turn.key, turn.displayName(), patientWords(turn), false));
      return;
    }
    long started = Workflow.currentTimeMillis();
    while (true) {
      try {
        turns.run(turn);
        turnsSoFar++;
        turnsThisRun++;
        recordTurnLatency(Workflow.currentTimeMillis() - started);
        return;
      } catch (ActivityFailure | ChildWorkflowFailure failure) {
        if (!attention.awaitRetry(turn, failure, tenantStore, this::publishStatus, this::paused)) {
          return; // skipped by an operator
        }
      }
    }
  }

  private List<ChatMessage> patientWords(Turn turn) {
    return List.of(patientMessage(turn));
  }

  private ChatMessage patientMessage(Turn turn) {
    return PatientWords.of(turn, start.tenantId());
  }

  private TurnRecord turnRecord(
      String key, String displayName, List<ChatMessage> messages, boolean replied) {
    return new TurnRecord(
        start.tenantId(), start.contact(), workflowId(), key, displayName, messages, replied);
  }

  /**
   * Turn latency (after the debounce window, until the reply is sent) as a Temporal SDK metric:
   * replay-safe (not emitted while replaying) and exported to Prometheus with the SDK's metrics as
   * {@code clinicflow_turn_latency_seconds}. A metric is no command, so no version marker.
   */
  private void recordTurnLatency(long millis) {
    Workflow.getMetricsScope()
        .tagged(java.util.Map.of("tenant", start.tenantId()))
        .timer("clinicflow_turn_latency")
        .record(com.uber.m3.util.Duration.ofMillis(millis));
  }

  /**
   * Records a status in PostgreSQL (for the admin API) and in the search attribute (for the
   * Temporal UI's filters). {@code NEEDS_ATTENTION} is recorded as asked; otherwise what is
   * recorded is what the workflow's own pause says at this moment, {@code PAUSED} until it ends or
   * {@code ACTIVE}: an operator's retry or skip ends a wait as {@code ACTIVE}, but a pause staff
   * started while the turn waited still holds the next turns; a handoff from the clinic's phone
   * asks for {@code PAUSED}, but staff may have resumed the bot from Telegram before its batch came
   * round (a {@code PAUSED} without an end would never read {@code ACTIVE} again). So the row, the
   * paused-patients list and the Temporal UI agree with the {@code state} query. Only values
   * change, not commands: replay-safe.
   */
  private void publishStatus(ConversationStatus requested, Instant until, String reason) {
    ConversationStatus recorded =
        requested == ConversationStatus.NEEDS_ATTENTION
            ? requested
            : paused() ? ConversationStatus.PAUSED : ConversationStatus.ACTIVE;
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(
          SearchAttributes.CONVERSATION_STATUS.valueSet(recorded.name()));
    }
    store.changeStatus(
        new StatusChange(
            start.tenantId(),
            start.contact(),
            workflowId(),
            recorded,
            recorded == ConversationStatus.PAUSED ? pausedUntil : until,
            reason));
  }

  private boolean paused() {
    return pausedUntil != null && now().isBefore(pausedUntil);
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private String workflowId() {
    return Workflow.getInfo().getWorkflowId();
  }
}
