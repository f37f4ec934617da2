package com.clinicflow.workflows.staff;

import com.clinicflow.workflows.agent.AgentLoop;
import com.clinicflow.workflows.agent.AgentTurn;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.common.IdleTimer;
import com.clinicflow.workflows.conversation.ConversationStoreActivities;
import com.clinicflow.workflows.conversation.MemoryRequest;
import com.clinicflow.workflows.conversation.TurnRecord;
import com.clinicflow.workflows.messaging.TelegramActivities;
import com.clinicflow.workflows.messaging.TelegramMessage;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantConfigLoader;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.clinicflow.workflows.tenant.TenantResolution;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;

/** See {@link InternalAssistant}. */
public class InternalAssistantImpl implements InternalAssistant {

  /** Telegram redelivers within minutes; the latest few hundred ids and keys are plenty. */
  static final int SEEN_KEPT = 500;

  private static final Logger log = Workflow.getLogger(InternalAssistantImpl.class);

  private final ConversationStoreActivities store =
      ActivityStubs.database(ConversationStoreActivities.class);
  private final TelegramActivities telegram = ActivityStubs.external(TelegramActivities.class);

  private final StaffStart start;
  private final StaffSettings settings;
  private final IdleTimer idle;
  private final List<StaffUpdate> pendingUpdates = new ArrayList<>();
  private final List<StaffAlert> pendingAlerts = new ArrayList<>();
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();
  private final LinkedHashSet<String> disconnected = new LinkedHashSet<>();
  private Instant lastRefusalAt;
  private int refusals;
  private long turnsSoFar;
  private int turnsThisRun;

  /** State is restored before any handler runs (signal-with-start delivers with the start). */
  @WorkflowInit
  public InternalAssistantImpl(StaffStart start) {
    this.start = start;
    this.settings = start.settings() == null ? StaffSettings.defaults() : start.settings();
    this.idle = new IdleTimer(settings.idleTimeout());
    addAll(pendingUpdates, start.pendingUpdates());
    addAll(pendingAlerts, start.pendingAlerts());
    addAll(seen, start.seen());
    addAll(disconnected, start.disconnectedInstances());
    this.lastRefusalAt = start.lastRefusalAt();
    this.turnsSoFar = start.turnsSoFar();
  }

  @Override
  public void run(StaffStart input) {
    Changes.startRun();
    while (true) {
      boolean woke = idle.await(() -> !pendingUpdates.isEmpty() || !pendingAlerts.isEmpty());
      if (!woke && disconnected.isEmpty()) {
        log.info("Staff chat idle for {}; completing", settings.idleTimeout());
        return;
      }
      while (!pendingAlerts.isEmpty()) {
        announceNext();
      }
      if (!pendingUpdates.isEmpty()) {
        if (!settings.orderWindow().isZero()) {
          // Lets an update that overtook an earlier one on a parallel connection be joined by it.
          Workflow.sleep(settings.orderWindow());
        }
        answer(takeNext());
      }
      if (turnsThisRun >= settings.turnsPerRun() || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(carryOver());
      }
    }
  }

  @Override
  public void onUpdate(StaffUpdate update) {
    if (remember("update:" + update.updateId())) {
      pendingUpdates.add(update);
    }
  }

  @Override
  public void onAlert(StaffAlert alert) {
    // Connection changes carry no key: they are announced on a change of state instead.
    if (alert.key() == null || remember(alert.key())) {
      pendingAlerts.add(alert);
    }
  }

  @Override
  public StaffView state() {
    return new StaffView(
        start.tenantId(),
        start.chatId(),
        pendingUpdates.size(),
        turnsSoFar,
        refusals,
        lastRefusalAt,
        List.copyOf(disconnected));
  }

  private boolean remember(String key) {
    if (!seen.add(key)) {
      return false;
    }
    while (seen.size() > SEEN_KEPT) {
      seen.remove(seen.iterator().next());
    }
    return true;
  }

  /** The oldest pending update by {@code update_id}: Telegram numbers them in order. */
  private StaffUpdate takeNext() {
    StaffUpdate next =
        pendingUpdates.stream().min(Comparator.comparingLong(StaffUpdate::updateId)).orElseThrow();
    pendingUpdates.remove(next);
    return next;
  }

  // ---- alerts ---------------------------------------------------------------------------------

  /**
   * The next pending alert, or, when several conversations' needs-attention alerts wait at once (an
   * outage, while Telegram made the chat wait for an earlier send), all of those in one message:
   * the staff get one list rather than a burst Telegram would slow down further.
   */
  private void announceNext() {
    List<StaffAlert> waiting =
        pendingAlerts.stream().filter(a -> a.kind() == StaffAlert.Kind.NEEDS_ATTENTION).toList();
    if (waiting.size() > 1 && Changes.isOn(Changes.STAFF_ATTENTION_DIGEST)) {
      pendingAlerts.removeAll(waiting);
      send(
          "digest:" + waiting.get(0).key(),
          StaffTexts.attentionDigest(waiting),
          StaffAlert.Kind.NEEDS_ATTENTION);
      return;
    }
    announce(pendingAlerts.remove(0));
  }

  private void announce(StaffAlert alert) {
    String key = alert.key();
    if (alert.kind() == StaffAlert.Kind.WHATSAPP_CONNECTION) {
      boolean down = "close".equals(alert.state());
      boolean up = "open".equals(alert.state());
      if (down && disconnected.add(alert.instance())) {
        key = "alert:whatsapp-down:" + workflowId() + ":" + Workflow.randomUUID();
      } else if (up && disconnected.remove(alert.instance())) {
        key = "alert:whatsapp-up:" + workflowId() + ":" + Workflow.randomUUID();
      } else {
        return; // no change worth a message (a repeat, "connecting", or up when never down)
      }
    }
    send(key, StaffTexts.alert(alert), alert.kind());
  }

  private void send(String key, String text, StaffAlert.Kind kind) {
    try {
      telegram.sendMessage(new TelegramMessage(key, start.tenantId(), start.chatId(), text));
    } catch (ActivityFailure failure) {
      // Telegram stayed down past the budget: the alert is lost, the chat goes on.
      log.warn("Alert {} not delivered: {}", kind, Errors.typeOf(failure));
    }
  }

  // ---- staff messages -------------------------------------------------------------------------

  private void answer(StaffUpdate update) {
    TenantResolution resolution;
    try {
      resolution = resolve(update);
    } catch (ChildWorkflowFailure failure) {
      log.warn("Update {} not authorised: {}", update.updateId(), Errors.typeOf(failure));
      return;
    }
    if (resolution instanceof TenantResolution.Resolved resolved) {
      serve(update, resolved.config());
    } else if (resolution instanceof TenantResolution.QuotaExceeded exceeded) {
      serve(update, exceeded.config()); // staff messages are not counted; kept for completeness
    } else if (resolution instanceof TenantResolution.Inactive inactive) {
      reply(update, null, StaffTexts.inactiveClinic(null, inactive.tenantId()), "inactive");
    } else if (resolution instanceof TenantResolution.Unknown) {
      reply(update, null, StaffTexts.unknownClinic(), "unknown");
    } else {
      refuse(update);
    }
    turnsSoFar++;
    turnsThisRun++;
  }

  /** TenantConfigLoader as a child, beside this chat's workflow: {@code {id}/tenant/{update}}. */
  private TenantResolution resolve(StaffUpdate update) {
    TenantConfigLoader loader =
        Workflow.newChildWorkflowStub(
            TenantConfigLoader.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId() + "/tenant/" + update.updateId())
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    return loader.resolve(
        TenantLookup.telegram(update.chatId(), update.requestedTenantId(), workflowId()));
  }

  /** A chat of no clinic: one polite refusal per interval, and nothing else ever runs for it. */
  private void refuse(StaffUpdate update) {
    Instant now = now();
    if (lastRefusalAt != null && now.isBefore(lastRefusalAt.plus(settings.refusalInterval()))) {
      return;
    }
    lastRefusalAt = now;
    refusals++;
    reply(update, null, StaffTexts.refusal(), "refusal");
  }

  private void serve(StaffUpdate update, TenantConfig config) {
    if (start.tenantId() != null && !start.tenantId().equals(config.tenantId())
        || update.requestedTenantId() != null
            && !update.requestedTenantId().equals(config.tenantId())) {
      // The workflow id or the message names one clinic and the lookup found another (a clinic's
      // chat that names another): never act across clinics. In runs where the workflow id named
      // the requested clinic, both tests agree, so recorded runs replay unchanged.
      refuse(update);
      return;
    }
    // Asked only for a voice note, a photo or a PDF: a chat recorded before the assistant heard or
    // saw them answered one without it (an API of this release already passing it on) and
    // replays so.
    boolean listens = update.hasVoice() && Changes.isOn(Changes.STAFF_VOICE_NOTES);
    boolean looks = !listens && update.hasAttachment() && Changes.isOn(Changes.STAFF_ATTACHMENTS);
    if (!update.hasText() && !listens && !looks) {
      reply(update, config.tenantId(), StaffTexts.textOnly(config.language()), "text-only");
      return;
    }
    String contact = ToolInvocation.STAFF_CHAT_PREFIX + update.chatId();
    AgentTurn turn = new AgentTurn(Workflow.randomUUID().toString());
    try {
      turn.setMemory(
          store
              .loadMemory(new MemoryRequest(config.tenantId(), contact, settings.memoryWindow()))
              .messages());
      new AgentLoop(config.tenantId(), contact, ToolScope.Audience.STAFF, settings.maxToolRounds())
          .run(
              turn,
              words(update, listens || looks ? config.tenantId() : null),
              StaffInstruction.forStaff(config, now(), update.fromName()));
      store.saveTurn(
          new TurnRecord(
              config.tenantId(),
              contact,
              workflowId(),
              turn.key(),
              update.fromName(),
              turn.newMessages(),
              !turn.replyText().isBlank(),
              turn.heardEarlier()));
    } catch (ActivityFailure failure) {
      log.warn("Staff message {} failed: {}", update.updateId(), Errors.typeOf(failure));
      reply(update, config.tenantId(), StaffTexts.couldNotAnswer(config.language()), "failed");
      return;
    }
    if (!turn.replyText().isBlank()) {
      send(turn.key() + ":reply", config.tenantId(), update, turn.replyText());
    }
  }

  /**
   * Who wrote it and what: several staff may share one group chat. A voice note, a photo or a PDF
   * goes by reference ({@code mediaOf} the clinic; null: the words only), after the sender's name,
   * what it is and any caption.
   */
  private static ChatMessage words(StaffUpdate update, String mediaOf) {
    boolean named = update.fromName() != null && !update.fromName().isBlank();
    if (mediaOf == null) {
      return ChatMessage.userText(named ? update.fromName() + ": " + update.text() : update.text());
    }
    MediaRef media =
        update.hasVoice()
            ? MediaRef.telegram(mediaOf, update.voice().fileId(), update.voice().mimeType())
            : MediaRef.telegram(
                mediaOf, update.attachment().fileId(), update.attachment().mimeType());
    List<ChatPart> parts = new ArrayList<>();
    String caption = update.hasText() ? " " + update.text() : "";
    String what = "(" + media.kind().label() + "):";
    if (named || !caption.isEmpty()) {
      parts.add(ChatPart.text((named ? update.fromName() + " " + what : what) + caption));
    }
    parts.add(ChatPart.media(media));
    return new ChatMessage(ChatRole.USER, parts);
  }

  /**
   * A fixed answer. Keys are random (made in the workflow, so replay makes the same), never the
   * update id alone: a new bot token starts update ids again.
   */
  private void reply(StaffUpdate update, String tenantId, String text, String what) {
    send(workflowId() + ":" + what + ":" + Workflow.randomUUID(), tenantId, update, text);
  }

  private void send(String key, String tenantId, StaffUpdate update, String text) {
    try {
      telegram.sendMessage(new TelegramMessage(key, tenantId, update.chatId(), text));
    } catch (ActivityFailure failure) {
      log.warn("Reply to update {} not delivered: {}", update.updateId(), Errors.typeOf(failure));
    }
  }

  private StaffStart carryOver() {
    return new StaffStart(
        start.tenantId(),
        start.chatId(),
        settings,
        List.copyOf(pendingUpdates),
        List.copyOf(pendingAlerts),
        List.copyOf(seen),
        lastRefusalAt,
        List.copyOf(disconnected),
        turnsSoFar);
  }

  private static <T> void addAll(java.util.Collection<T> into, List<T> from) {
    if (from != null) {
      into.addAll(from);
    }
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private String workflowId() {
    return Workflow.getInfo().getWorkflowId();
  }
}
