package com.clinicflow.workflows.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.MediaKind;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.common.SearchAttributes;
import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.conversation.StatusChange;
import com.clinicflow.workflows.messaging.OutboundMessage;
import com.clinicflow.workflows.tenant.QuotaRequest;
import com.clinicflow.workflows.testing.ConversationHarness;
import com.clinicflow.workflows.testing.FakeActivities;
import com.clinicflow.workflows.testing.HistoryMarkers;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PatientHandlerWorkflowTest {

  private static final String PHONE = "5511900000001";

  private ConversationHarness h;

  @BeforeEach
  void setUp() {
    h = new ConversationHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private static String userText(LlmRequest request) {
    return request.history().get(request.history().size() - 1).joinedText();
  }

  @Test
  void aTextMessageGetsOneReply() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi, quero marcar consulta"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(h.fakes.llm.requests).hasSize(1);
    LlmRequest request = h.fakes.llm.requests.get(0);
    assertThat(userText(request)).isEqualTo("Oi, quero marcar consulta");
    assertThat(request.systemInstruction())
        .contains("You are the assistant of clinic alpha.")
        .contains("America/Sao_Paulo")
        .contains("Name: Ana");
    assertThat(h.fakes.whatsApp.sent)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.recipient()).isEqualTo(PHONE);
              assertThat(m.instanceName()).isEqualTo("alpha_instance");
            });
    assertThat(h.fakes.tenants.events()).contains("message_received", "reply_sent");
  }

  /**
   * The engine's cost per message is mostly tasks through Temporal: the clinic checks run inline
   * (no child workflow), and the database calls of a turn (tenant lookup, quota count with its log
   * line, memory, transcript) and the reply's send are local activities, recorded as markers, so
   * only the model is an activity task and a turn takes three workflow tasks: the message, the end
   * of the debounce window, the model's answer. The model's activity looks the tools up itself
   * (baseline 4): no catalog is recorded.
   */
  @Test
  void onlyTheModelIsAnActivityTaskOfATurn() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    List<HistoryEvent> conversation =
        h.client.fetchHistory(ConversationHarness.workflowId("alpha", PHONE)).getEvents();
    assertThat(scheduledActivities(conversation)).containsExactly("Llm.Generate");
    List<String> local = localActivities(conversation);
    // Memory loads while the clinic checks run (the lookup and the count in one call): their
    // markers come in either order.
    assertThat(local.subList(0, 2))
        .containsExactlyInAnyOrder("TenantStore.AdmitTurn", "ConversationStore.LoadMemory");
    // The reply and the transcript run at the same time: their markers come in either order. The
    // send writes the reply_sent line (baseline 3): no log activity after them.
    assertThat(local.subList(2, local.size()))
        .containsExactlyInAnyOrder("ConversationStore.SaveTurn", "WhatsApp.SendText");
    assertThat(h.fakes.tenants.events()).containsOnlyOnce("reply_sent");
    assertThat(h.fakes.whatsApp.sent.get(0).logLine().details()).containsKey("turn_key");
    assertThat(conversation.stream().filter(HistoryEvent::hasWorkflowTaskCompletedEventAttributes))
        .hasSize(3);
    assertThat(conversation)
        .noneMatch(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes);
  }

  /**
   * A new conversation records one version marker, the baseline, and follows every change in it
   * (the test above): before decision 0016 its first turn recorded seven, one per change.
   */
  @Test
  void aNewConversationRecordsOneVersionMarker() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    List<HistoryEvent> conversation =
        h.client.fetchHistory(ConversationHarness.workflowId("alpha", PHONE)).getEvents();
    assertThat(HistoryMarkers.versions(conversation)).containsExactly(Changes.BASELINE);
    // The run's first command: the marker follows its first workflow task's completion.
    int firstTask =
        conversation.indexOf(
            conversation.stream()
                .filter(HistoryEvent::hasWorkflowTaskCompletedEventAttributes)
                .findFirst()
                .orElseThrow());
    assertThat(HistoryMarkers.versions(conversation.subList(firstTask + 1, firstTask + 2)))
        .containsExactly(Changes.BASELINE);
  }

  /**
   * The memory is asked for while the clinic checks run: the count (a database write) holds until
   * the memory load has begun, which it never would if they ran one after another.
   */
  @Test
  void memoryLoadsWhileTheClinicChecksRun() {
    AtomicBoolean memoryAskedDuringTheCount = new AtomicBoolean();
    h.fakes.tenants.beforeCount =
        holdUntil(h.fakes.conversations.memoryAsked, memoryAskedDuringTheCount);
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(memoryAskedDuringTheCount).isTrue();
    assertThat(h.fakes.tenants.quotaRequests).hasSize(1);
    assertThat(h.fakes.llm.requests).hasSize(1);
  }

  /**
   * The debounce window counts from the webhook's receipt: a message the API received 150 ms before
   * the conversation saw it waits only what is left of the window.
   */
  @Test
  void theDebounceWindowCountsFromTheWebhooksReceipt() {
    Duration window = h.settings.debounce();
    Instant received = Instant.ofEpochMilli(h.env.currentTimeMillis() - 150);
    h.deliver(
        "alpha",
        PHONE,
        ConversationHarness.receivedAt(h.text("alpha", PHONE, "m1", "Oi"), received));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(debounceTimers())
        .singleElement()
        .satisfies(
            timer ->
                assertThat(timer)
                    .isLessThanOrEqualTo(window.minusMillis(150))
                    .isGreaterThan(window.minusMillis(500)));
  }

  /**
   * A receipt stamped by an API clock ahead of the server's costs one window, as before decision
   * 0020, not the skew on top: the timer's firing closes the burst when nothing came meanwhile.
   */
  @Test
  void aReceiptFromAClockAheadWaitsOneWindow() {
    Instant ahead = Instant.ofEpochMilli(h.env.currentTimeMillis() + 2_000);
    h.deliver(
        "alpha", PHONE, ConversationHarness.receivedAt(h.text("alpha", PHONE, "m1", "Oi"), ahead));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(debounceTimers()).containsExactly(h.settings.debounce());
  }

  /** A message that waited out the whole window before the conversation saw it is not held. */
  @Test
  void aMessageReceivedAWindowAgoIsAnsweredWithoutADebounceTimer() {
    Instant received = Instant.ofEpochMilli(h.env.currentTimeMillis() - 5_000);
    h.deliver(
        "alpha",
        PHONE,
        ConversationHarness.receivedAt(h.text("alpha", PHONE, "m1", "Oi"), received));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(debounceTimers()).isEmpty();
    assertThat(h.fakes.llm.requests).hasSize(1);
  }

  /**
   * A fake's hook that holds its activity until {@code latch} opens (at most 5 s, well inside the
   * activity's timeout) and records in {@code opened} whether it did.
   */
  private static Runnable holdUntil(CountDownLatch latch, AtomicBoolean opened) {
    return () -> {
      try {
        opened.set(latch.await(5, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** The conversation's timers shorter than a minute (the idle timeout is a day). */
  private List<Duration> debounceTimers() {
    return h
        .client
        .fetchHistory(ConversationHarness.workflowId("alpha", PHONE))
        .getEvents()
        .stream()
        .filter(HistoryEvent::hasTimerStartedEventAttributes)
        .map(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout())
        .map(d -> Duration.ofSeconds(d.getSeconds(), d.getNanos()))
        .filter(d -> d.compareTo(Duration.ofMinutes(1)) < 0)
        .toList();
  }

  /** Each turn is counted under its own key, the key that names it in transcript and sends. */
  @Test
  void eachTurnIsCountedUnderItsOwnKey() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Tudo bem?"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    h.settle();

    List<String> turnKeys = h.fakes.conversations.turns.stream().map(t -> t.turnKey()).toList();
    assertThat(turnKeys).hasSize(2).doesNotHaveDuplicates().doesNotContainNull();
    assertThat(h.fakes.tenants.quotaRequests)
        .containsExactly(
            new QuotaRequest("alpha", turnKeys.get(0)), new QuotaRequest("alpha", turnKeys.get(1)));
    assertThat(h.fakes.whatsApp.sent)
        .extracting(OutboundMessage::idempotencyKey)
        .containsExactly(turnKeys.get(0) + ":reply", turnKeys.get(1) + ":reply");
    assertThat(h.fakes.tenants.counted).hasValue(2);
  }

  /**
   * The count is a local activity: a worker that dies after it, before its workflow task completes,
   * leaves no record of it, and the next worker counts again. Both counts carry the same turn key,
   * so the database counts the turn once (V8__quota_turn_keys.sql).
   */
  @Test
  void aCountRunAgainAfterALostWorkflowTaskCarriesTheSameTurnKey() {
    h.crash.before("ConversationStore.LoadMemory"); // the call right after the count
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    String turnKey = h.fakes.conversations.turns.get(0).turnKey();
    assertThat(h.fakes.tenants.quotaRequests)
        .containsExactly(new QuotaRequest("alpha", turnKey), new QuotaRequest("alpha", turnKey));
    assertThat(h.fakes.tenants.counted).hasValue(1);
    assertThat(h.fakes.whatsApp.sent)
        .singleElement()
        .extracting(OutboundMessage::idempotencyKey)
        .isEqualTo(turnKey + ":reply");
    assertThat(h.fakes.tenants.events()).containsOnlyOnce("message_received");
  }

  /**
   * The reply is a local activity: a worker that dies after Evolution took it, before its workflow
   * task completes, leaves no marker, and the next worker sends again under the same key (the
   * outbound ledger makes that a no-op; decision 0011 covers a send that was never recorded).
   */
  @Test
  void aReplySentAgainAfterALostWorkflowTaskCarriesTheSameKey() {
    h.crash.after("WhatsApp.SendText");
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.attempts.size() == 2);
    h.settle();

    String key = h.fakes.conversations.turns.get(0).turnKey() + ":reply";
    assertThat(h.fakes.whatsApp.attempts).containsExactly(key, key);
    assertThat(h.fakes.whatsApp.sent)
        .singleElement()
        .extracting(OutboundMessage::idempotencyKey)
        .isEqualTo(key);
    assertThat(h.fakes.tenants.events()).containsOnlyOnce("reply_sent");
    assertThat(h.fakes.llm.requests).hasSize(1);
  }

  /**
   * The patient does not wait for the transcript: the reply goes out while it is being saved. Here
   * the save holds until the reply has reached Evolution; saved first, it would hold for good.
   */
  @Test
  void theReplyIsSentWhileTheTranscriptIsSaved() {
    AtomicBoolean replyBeforeSaveReturned = new AtomicBoolean();
    h.fakes.conversations.beforeSave =
        holdUntil(h.fakes.whatsApp.firstSent, replyBeforeSaveReturned);
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.conversations.turns.size() == 1);
    h.settle();

    assertThat(replyBeforeSaveReturned).isTrue();
    assertThat(h.fakes.whatsApp.sent).hasSize(1);
    assertThat(h.fakes.tenants.events()).containsOnlyOnce("reply_sent");
  }

  /**
   * A transcript that cannot be saved past its budget does not take back a reply already sent: the
   * patient gets no fallback on top of it, and the operator's retry saves the transcript without
   * sending the reply again.
   */
  @Test
  void aReplySentBeforeTheTranscriptFailedIsNotSentAgainNorFollowedByTheFallback() {
    AtomicInteger saveFailures = new AtomicInteger(1);
    h.fakes.conversations.beforeSave =
        () -> {
          if (saveFailures.getAndDecrement() > 0) {
            throw Errors.CONFIGURATION.failure("not saved"); // not retried: past its budget at once
          }
        };
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    PatientHandler conversation = h.conversation("alpha", PHONE);
    h.eventually(() -> conversation.state().status() == ConversationStatus.NEEDS_ATTENTION);
    h.settle();
    assertThat(h.fakes.whatsApp.texts()).hasSize(1).doesNotContain("FALLBACK alpha");
    assertThat(h.fakes.conversations.turns).isEmpty();

    conversation.retry(new OperatorRetry("operator"));
    h.eventually(() -> h.fakes.conversations.turns.size() == 1);
    h.settle();
    assertThat(h.fakes.whatsApp.attempts).hasSize(1);
    assertThat(h.fakes.llm.requests).hasSize(1);
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.ACTIVE);
  }

  /** A send Evolution refuses for a moment is retried inside the workflow task; one reply. */
  @Test
  void aReplyEvolutionRefusesForAMomentIsRetriedAndSentOnce() {
    h.fakes.whatsApp.failures.set(2);
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(h.fakes.whatsApp.attempts)
        .hasSize(3)
        .containsOnly(h.fakes.whatsApp.sent.get(0).idempotencyKey());
    assertThat(h.conversation("alpha", PHONE).state().status())
        .isEqualTo(ConversationStatus.ACTIVE);
    List<HistoryEvent> conversation =
        h.client.fetchHistory(ConversationHarness.workflowId("alpha", PHONE)).getEvents();
    assertThat(localActivities(conversation)).containsOnlyOnce("WhatsApp.SendText");
  }

  private static List<String> scheduledActivities(List<HistoryEvent> events) {
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  private static List<String> localActivities(List<HistoryEvent> events) {
    return HistoryMarkers.localActivities(events);
  }

  @Test
  void aBurstInsideTheDebounceWindowIsOneTurn() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.pass(Duration.ofMillis(200));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "quero marcar"));
    h.pass(Duration.ofMillis(200));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m3", "amanhã"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(h.fakes.llm.requests).hasSize(1);
    assertThat(userText(h.fakes.llm.requests.get(0))).isEqualTo("Oi\nquero marcar\namanhã");
    assertThat(h.fakes.whatsApp.sent).hasSize(1);
    // One timer at a time (baseline 5, Changes.QUIET_TIMER_PER_BURST): the window from the first
    // message, then, when it fires, what the last message left of it. Before, a timer per message
    // (three whole windows), the first two firing into workflow tasks with nothing to do.
    List<Duration> timers = debounceTimers();
    assertThat(timers).hasSize(2);
    assertThat(timers.get(0))
        .isLessThanOrEqualTo(h.settings.debounce())
        .isGreaterThan(h.settings.debounce().minusMillis(100));
    assertThat(timers.get(1))
        .isGreaterThan(Duration.ofMillis(300)) // ~400 ms: m3 came 400 ms after m1, plus the
        .isLessThan(Duration.ofMillis(600)); // few real milliseconds each delivery takes
  }

  /**
   * A run keeps one idle timer, started by its first idle wait and still running; no message
   * cancels it (baseline 3, {@link Changes#IDLE_TIMER_PER_RUN}); the debounce timers (seconds)
   * fire. Before, every turn started a day-long timer that the next message cancelled: two events
   * per message.
   */
  @Test
  void aConversationKeepsOneIdleTimerPerRunAndCancelsNone() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.pass(Duration.ofMillis(200));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "quero marcar"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.pass(Duration.ofMinutes(5));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m3", "amanhã"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    h.pass(Duration.ofMinutes(5));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m4", "às 10h"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 3);
    h.settle();

    List<HistoryEvent> conversation = history();
    long idleSeconds = ConversationSettings.defaults().idleTimeout().getSeconds();
    List<HistoryEvent> started =
        conversation.stream().filter(HistoryEvent::hasTimerStartedEventAttributes).toList();
    assertThat(started)
        .filteredOn(e -> timerSeconds(e) == idleSeconds)
        .as("one idle timer for three turns")
        .hasSize(1);
    assertThat(conversation).noneMatch(HistoryEvent::hasTimerCanceledEventAttributes);
    long fired = conversation.stream().filter(HistoryEvent::hasTimerFiredEventAttributes).count();
    assertThat(started).hasSize((int) fired + 1); // every debounce timer fired; the idle one runs
  }

  /**
   * The run's idle timer fires a day after the first turn, but the conversation spoke since: it
   * waits out the rest of the day after its last turn, then completes.
   */
  @Test
  void anIdleTimerThatFiresEarlyIsReArmedForTheRestOfTheDay() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.pass(Duration.ofHours(12));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Ainda aí?"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    h.pass(Duration.ofHours(13)); // the first idle timer fired an hour ago

    assertThat(running()).isTrue();
    h.pass(Duration.ofHours(12));
    assertThat(running()).isFalse();
    List<Long> idleTimers =
        history().stream()
            .filter(HistoryEvent::hasTimerStartedEventAttributes)
            .map(PatientHandlerWorkflowTest::timerSeconds)
            .filter(seconds -> seconds > 60)
            .toList();
    assertThat(idleTimers).hasSize(2);
    assertThat(idleTimers.get(0)).isEqualTo(Duration.ofHours(24).getSeconds());
    // Twelve hours from the second turn's end (its debounce and reply took a few seconds).
    assertThat(Duration.ofSeconds(idleTimers.get(1)))
        .isBetween(Duration.ofHours(12), Duration.ofHours(12).plusMinutes(1));
  }

  /**
   * A conversation an operator cancels while it waits for its next message ends at once, as
   * cancelled: its idle timer fails and the wait ends.
   */
  @Test
  void aConversationCancelledWhileIdleEnds() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    WorkflowStub conversation = WorkflowStub.fromTyped(h.conversation("alpha", PHONE));
    conversation.cancel();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> conversation.getResult(5, java.util.concurrent.TimeUnit.SECONDS, Void.class))
        .hasCauseInstanceOf(io.temporal.failure.CanceledFailure.class);
    assertThat(history().get(history().size() - 1).hasWorkflowExecutionCanceledEventAttributes())
        .isTrue();
  }

  private List<HistoryEvent> history() {
    return h.client.fetchHistory(ConversationHarness.workflowId("alpha", PHONE)).getEvents();
  }

  private boolean running() {
    return h.client
            .fetchHistory(ConversationHarness.workflowId("alpha", PHONE))
            .getLastEvent()
            .getEventType()
        != io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;
  }

  private static long timerSeconds(HistoryEvent started) {
    return started.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds();
  }

  @Test
  void aDuplicateDeliveryIsAnsweredOnce() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.settle();

    assertThat(h.fakes.llm.requests).hasSize(1);
    assertThat(userText(h.fakes.llm.requests.get(0))).isEqualTo("Oi");
    assertThat(h.fakes.whatsApp.sent).hasSize(1);
  }

  @Test
  void messagesAreAnsweredInTheOrderThePatientSentThem() {
    var first = h.text("alpha", PHONE, "m1", "primeira");
    var second = h.text("alpha", PHONE, "m2", "segunda");
    h.deliver("alpha", PHONE, second); // webhooks may arrive out of order
    h.deliver("alpha", PHONE, first);
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    assertThat(userText(h.fakes.llm.requests.get(0))).isEqualTo("primeira\nsegunda");

    // While a turn runs, the next message waits for it; the second turn sees the first.
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m3", "terceira"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    LlmRequest secondTurn = h.fakes.llm.requests.get(1);
    assertThat(secondTurn.history().stream().map(ChatMessage::joinedText))
        .containsExactly("primeira\nsegunda", "Olá! Resposta 1", "terceira");
  }

  @Test
  void staffWritingFromTheClinicPhonePausesTheBot() {
    h.deliver(
        "alpha",
        PHONE,
        h.message("alpha", PHONE, "s1", MessageKind.TEXT, "Oi Ana, aqui é a recepção", true));
    h.settle();
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Obrigada!"));
    h.settle();

    assertThat(h.fakes.llm.requests).isEmpty();
    assertThat(h.fakes.whatsApp.sent).isEmpty();
    assertThat(h.conversation("alpha", PHONE).state().status())
        .isEqualTo(ConversationStatus.PAUSED);
    assertThat(h.fakes.conversations.turns)
        .extracting(t -> t.messages().get(0).role())
        .containsExactly(ChatRole.STAFF, ChatRole.USER);

    h.pass(Duration.ofHours(2));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Ainda estão aí?"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    assertThat(h.fakes.llm.requests.get(0).history().stream().map(ChatMessage::joinedText))
        .contains("Oi Ana, aqui é a recepção", "Obrigada!", "Ainda estão aí?");
  }

  /**
   * Staff wrote from the clinic's phone and, before that message's batch came round, resumed the
   * bot from Telegram: the conversation is recorded ACTIVE, not PAUSED without an end (which would
   * never read ACTIVE again).
   */
  @Test
  void staffResumingTheBotRightAfterWritingFromTheClinicPhoneIsRecordedActive() {
    h.deliver(
        "alpha",
        PHONE,
        h.message("alpha", PHONE, "s1", MessageKind.TEXT, "Oi Ana, aqui é a recepção", true));
    PatientHandler conversation = h.conversation("alpha", PHONE);
    conversation.pause(new BotPause(Duration.ZERO, "telegram:-100"));
    h.settle();

    StatusChange recorded =
        h.fakes.conversations.statuses.get(h.fakes.conversations.statuses.size() - 1);
    assertThat(recorded.reason()).isEqualTo("staff_handoff");
    assertThat(recorded.status()).isEqualTo(ConversationStatus.ACTIVE);
    assertThat(recorded.pausedUntil()).isNull();
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.ACTIVE);
    assertThat(statusAttribute()).isEqualTo("ACTIVE");
  }

  @Test
  void mediaStaffSendFromTheClinicPhoneIsNamedInTheMemory() {
    h.deliver(
        "alpha",
        PHONE,
        h.message("alpha", PHONE, "s1", MessageKind.IMAGE, "Tabela de preços", true));
    h.deliver("alpha", PHONE, h.message("alpha", PHONE, "s2", MessageKind.DOCUMENT, null, true));
    h.settle();

    assertThat(h.fakes.conversations.turns)
        .extracting(t -> t.messages().get(0).joinedText())
        .containsExactly("(sent a photo) Tabela de preços", "(sent a document)");
  }

  @Test
  void continueAsNewKeepsMemoryAndPendingMessages() {
    h.settings =
        new ConversationSettings(
            Duration.ofSeconds(3),
            Duration.ofSeconds(15),
            20,
            Duration.ofHours(2),
            Duration.ofHours(24),
            1,
            5);
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    String firstRun =
        WorkflowStub.fromTyped(h.conversation("alpha", PHONE)).getExecution().getRunId();
    h.settle();
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Tudo bem?"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);

    String laterRun =
        h.client
            .newUntypedWorkflowStub(ConversationHarness.workflowId("alpha", PHONE))
            .describe()
            .getExecution()
            .getRunId();
    assertThat(laterRun).isNotEqualTo(firstRun);
    assertThat(h.fakes.llm.requests.get(1).history().stream().map(ChatMessage::joinedText))
        .containsExactly("Oi", "Olá! Resposta 1", "Tudo bem?");
    h.eventually(() -> h.conversation("alpha", PHONE).state().turnsSoFar() == 2);
    // A redelivery of a message answered in the previous run is still recognised.
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.settle();
    assertThat(h.fakes.whatsApp.sent).hasSize(2);
  }

  @Test
  void anIdleConversationCompletesAndTheNextMessageStartsItAgainWithMemory() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.pass(Duration.ofHours(25));
    WorkflowStub.fromTyped(h.conversation("alpha", PHONE)).getResult(Void.class);

    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Voltei"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    assertThat(h.fakes.llm.requests.get(1).history().stream().map(ChatMessage::joinedText))
        .containsExactly("Oi", "Olá! Resposta 1", "Voltei");
  }

  @Test
  void transientLlmFailuresAreRetriedAndStillGiveExactlyOneReply() {
    AtomicInteger calls =
        h.fakes.llm.failFirst(2, PatientHandlerWorkflowTest::http500, "Tudo certo");
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(h.fakes.whatsApp.texts()).containsExactly("Tudo certo");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aBurstOfRateLimitsLongerThanFourAttemptsStillGetsTheAnswer() {
    AtomicInteger calls =
        h.fakes.llm.failFirst(
            5,
            () ->
                ApplicationFailure.newBuilder()
                    .setMessage("HTTP 429")
                    .setType("RATE_LIMITED")
                    .setNextRetryDelay(Duration.ofSeconds(10))
                    .build(),
            "Tudo certo");
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(h.fakes.whatsApp.texts()).containsExactly("Tudo certo");
    assertThat(calls).hasValue(6);
    assertThat(h.conversation("alpha", PHONE).state().status())
        .isEqualTo(ConversationStatus.ACTIVE);
  }

  @Test
  void aTurnPastItsBudgetSendsTheFallbackOnceAndWaitsForAnOperatorRetry() {
    h.withoutAutomaticRetries(); // the operator's retry alone (AutomaticRetryTest: the others)
    h.fakes.llm.failFirst(
        ActivityStubs.LLM_ATTEMPTS, PatientHandlerWorkflowTest::http500, "Desculpe a demora!");
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    PatientHandler conversation = h.conversation("alpha", PHONE);
    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.NEEDS_ATTENTION);
    // What the Temporal UI filters on: "conversations of clinic alpha needing attention".
    var attributes =
        h.client
            .newUntypedWorkflowStub(ConversationHarness.workflowId("alpha", PHONE))
            .describe()
            .getTypedSearchAttributes();
    assertThat(attributes.get(SearchAttributes.TENANT_ID)).isEqualTo("alpha");
    assertThat(attributes.get(SearchAttributes.CHANNEL)).isEqualTo("WHATSAPP");
    assertThat(attributes.get(SearchAttributes.CONVERSATION_STATUS)).isEqualTo("NEEDS_ATTENTION");
    assertThat(conversation.state().lastError()).isEqualTo("UPSTREAM_UNAVAILABLE");
    assertThat(h.fakes.conversations.statuses)
        .extracting(s -> s.status())
        .contains(ConversationStatus.NEEDS_ATTENTION);

    // A message arriving meanwhile waits its turn; nothing is answered before the retry.
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Alô?"));
    h.settle();
    assertThat(h.fakes.whatsApp.sent).hasSize(1);
    // What staff read of it from Telegram: the failed turn's words, then what came meanwhile.
    assertThat(conversation.unanswered())
        .extracting(UnansweredMessage::text)
        .containsExactly("Oi", "Alô?");

    conversation.retry(new OperatorRetry("operator"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 3);
    h.settle();
    assertThat(h.fakes.whatsApp.texts())
        .containsExactly("FALLBACK alpha", "Desculpe a demora!", "Desculpe a demora!");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.ACTIVE);
    assertThat(statusAttribute()).isEqualTo("ACTIVE");
    assertThat(h.fakes.tenants.events()).containsOnlyOnce("needs_attention");
    assertThat(conversation.unanswered()).isEmpty();
  }

  /**
   * Staff paused the bot from Telegram while the turn waited for an operator. The operator's retry
   * answers the failed turn (they asked for it), but the pause still holds what comes next, and
   * every record of the status says so: the row and the search attribute say PAUSED until the pause
   * ends, not ACTIVE.
   */
  @Test
  void aPauseStartedWhileATurnWaitedIsRecordedWhenTheOperatorRetries() {
    PatientHandler conversation = waitingAndThenPausedByStaff("Desculpe a demora!");

    conversation.retry(new OperatorRetry("operator"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    h.settle();

    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha", "Desculpe a demora!");
    StatusChange recorded =
        h.fakes.conversations.statuses.get(h.fakes.conversations.statuses.size() - 1);
    assertThat(recorded.status()).isEqualTo(ConversationStatus.PAUSED);
    assertThat(recorded.pausedUntil()).isEqualTo(conversation.state().pausedUntil()).isNotNull();
    assertThat(recorded.reason()).isEqualTo("operator_retry");
    assertThat(statusAttribute()).isEqualTo("PAUSED");

    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Obrigado"));
    h.settle();
    assertThat(h.fakes.whatsApp.sent).hasSize(2);
  }

  /** The same for a skip: the turn is given up, the pause staff started meanwhile is recorded. */
  @Test
  void aPauseStartedWhileATurnWaitedIsRecordedWhenTheOperatorSkips() {
    PatientHandler conversation = waitingAndThenPausedByStaff("Oi!");

    conversation.skip(new OperatorSkip("ana"));
    h.eventually(
        () ->
            h.fakes.conversations.statuses.stream()
                .anyMatch(s -> "operator_skip".equals(s.reason())));
    h.settle();

    assertThat(h.fakes.conversations.statuses)
        .filteredOn(s -> "operator_skip".equals(s.reason()))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo(ConversationStatus.PAUSED);
              assertThat(s.pausedUntil()).isEqualTo(conversation.state().pausedUntil());
            });
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.PAUSED);
  }

  /**
   * A turn the model refuses for good (what the patient wrote) fails every retry: the operator
   * skips it, the messages that came meanwhile are answered, and the refused words stay out of
   * memory so they cannot fail the turns after.
   */
  @Test
  void anOperatorSkipsATurnNoRetryCanAnswerAndTheNextMessagesAreAnswered() {
    h.fakes.llm.answer =
        r -> {
          if (r.toString().contains("proibido")) {
            throw Errors.LLM_REFUSED.failure("Gemini returned no candidate (block reason: SAFETY)");
          }
          return FakeActivities.Llm.reply("Claro, posso ajudar.");
        };
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "texto proibido"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    PatientHandler conversation = h.conversation("alpha", PHONE);
    h.eventually(() -> conversation.state().status() == ConversationStatus.NEEDS_ATTENTION);
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Alô? Quero marcar"));
    h.settle();
    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha");

    conversation.skip(new OperatorSkip("ana"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    h.settle();

    assertThat(h.fakes.whatsApp.texts()).containsExactly("FALLBACK alpha", "Claro, posso ajudar.");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.ACTIVE);
    assertThat(h.fakes.llm.requests.get(h.fakes.llm.requests.size() - 1).toString())
        .contains("Alô? Quero marcar")
        .doesNotContain("proibido");
    assertThat(h.fakes.conversations.turns.toString()).doesNotContain("proibido");
    assertThat(h.fakes.tenants.log)
        .filteredOn(e -> e.eventType().equals("turn_skipped"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details())
                    .containsEntry("requested_by", "ana")
                    .containsEntry("messages", 1));
    assertThat(h.fakes.conversations.statuses)
        .extracting(StatusChange::reason)
        .contains("operator_skip");
    assertThat(events())
        .filteredOn(e -> e.hasMarkerRecordedEventAttributes())
        .extracting(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().toString())
        .anyMatch(details -> details.contains("operator-skip"));

    // Nothing needs attention now: a late skip or retry is ignored.
    conversation.skip(new OperatorSkip("ana"));
    conversation.retry(new OperatorRetry("ana"));
    h.settle();
    assertThat(h.fakes.whatsApp.sent).hasSize(2);
  }

  @Test
  void toolCallsAndResultsAreRunAsActivitiesAndKeptInMemory() {
    AtomicInteger calls = new AtomicInteger();
    h.fakes.llm.answer =
        r -> {
          if (calls.incrementAndGet() == 1) {
            ToolCall call = new ToolCall("c1", "echo", Map.of("day", "amanhã"));
            ChatMessage message =
                new ChatMessage(ChatRole.MODEL, List.of(ChatPart.toolCall(call, "c2lnbmF0dXJl")));
            return new LlmReply(message, "", List.of(call), 10, 2);
          }
          return FakeActivities.Llm.reply("Feito");
        };
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Marca amanhã"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);

    assertThat(h.fakes.tools.invocations)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.tenantId()).isEqualTo("alpha");
              assertThat(i.contact()).isEqualTo(PHONE);
              assertThat(i.call().name()).isEqualTo("echo");
            });
    assertThat(h.fakes.tools.invocations.get(0).audience()).isEqualTo(ToolScope.Audience.PATIENT);
    // Both model calls offer the clinic's patient tools by name of audience: nothing listed, no
    // catalog recorded (decision 0019).
    assertThat(h.fakes.llm.requests)
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.toolScope())
                  .isEqualTo(new ToolScope("alpha", ToolScope.Audience.PATIENT));
              assertThat(r.tools()).isEmpty();
            });
    assertThat(h.fakes.tools.catalogScopes).isEmpty();
    List<ChatMessage> saved = h.fakes.conversations.turns.get(0).messages();
    assertThat(saved).hasSize(4);
    assertThat(saved.get(1).parts().get(0).toolCall().name()).isEqualTo("echo");
    assertThat(saved.get(1).parts().get(0).thoughtSignature()).isEqualTo("c2lnbmF0dXJl");
    assertThat(saved.get(2).parts().get(0).toolResult().response()).containsKey("echo");
    assertThat(saved.get(3).joinedText()).isEqualTo("Feito");
  }

  @Test
  void theAgentStopsAfterMaxToolRoundsAndAnswersInWords() {
    h.fakes.llm.answer =
        r -> {
          if (r.toolScope() == null) { // the last chance offers no tools
            return FakeActivities.Llm.reply("Chega de ferramentas");
          }
          ToolCall call = new ToolCall(null, "echo", Map.of("n", r.history().size()));
          return new LlmReply(
              new ChatMessage(ChatRole.MODEL, List.of(ChatPart.toolCall(call, null))),
              "",
              List.of(call),
              1,
              1);
        };
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Loop"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);

    assertThat(h.fakes.tools.invocations).hasSize(5);
    assertThat(h.fakes.llm.requests).hasSize(6);
    assertThat(h.fakes.whatsApp.texts()).containsExactly("Chega de ferramentas");
  }

  @Test
  void theSamePhoneAtTwoClinicsAreTwoSeparateConversations() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "segredo da clínica alpha"));
    h.deliver("beta", PHONE, h.text("beta", PHONE, "m1", "mensagem para beta"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);

    LlmRequest toBeta =
        h.fakes.llm.requests.stream().filter(r -> r.tenantId().equals("beta")).findFirst().get();
    assertThat(toBeta.history().toString()).doesNotContain("segredo");
    assertThat(toBeta.systemInstruction()).contains("clinic beta").doesNotContain("clinic alpha");
  }

  @Test
  void anInactiveClinicGetsNoLlmCallAndNoReply() {
    h.fakes.tenants.clinics.add(
        FakeActivities.clinic("gamma", "gamma_instance", -300L).withActive(false));
    h.deliver("gamma", PHONE, h.text("gamma", PHONE, "m1", "Oi"));
    h.settle();

    assertThat(h.fakes.llm.requests).isEmpty();
    assertThat(h.fakes.whatsApp.sent).isEmpty();
    assertThat(h.fakes.tenants.events()).contains("inactive_tenant_message");
  }

  @Test
  void overQuotaGetsNoLlmCallAndAtMostOneCourtesyMessagePerPeriod() {
    h.fakes.tenants.limit = 0;
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.settle();
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Oi de novo"));
    h.settle();

    assertThat(h.fakes.llm.requests).isEmpty();
    assertThat(h.fakes.whatsApp.texts()).containsExactly("QUOTA alpha");
  }

  @Test
  void unreadableMessagesGetThePoliteAnswerInTheClinicsLanguage() {
    h.deliver(
        "alpha", PHONE, h.message("alpha", PHONE, "m1", MessageKind.UNSUPPORTED, null, false));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);

    assertThat(h.fakes.llm.requests).isEmpty();
    assertThat(h.fakes.whatsApp.texts().get(0)).contains("textos, áudios, fotos, vídeos e PDFs");
  }

  @Test
  void aVoiceNoteReachesTheLlmAsMediaByReference() {
    h.deliver("alpha", PHONE, h.message("alpha", PHONE, "v1", MessageKind.AUDIO, null, false));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);

    ChatPart part = h.fakes.llm.requests.get(0).history().get(0).parts().get(0);
    assertThat(part.media()).isNotNull();
    assertThat(part.media().providerMessageId()).isEqualTo("v1");
    assertThat(part.media().mimeType()).startsWith("audio/ogg");
  }

  @Test
  void aPhotoReachesTheLlmByReferenceWithItsCaptionAfterIt() {
    h.deliver(
        "alpha",
        PHONE,
        h.message("alpha", PHONE, "p1", MessageKind.IMAGE, "meu pedido médico", false));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    List<ChatPart> parts = h.fakes.llm.requests.get(0).history().get(0).parts();
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).media().providerMessageId()).isEqualTo("p1");
    assertThat(parts.get(0).media().kind()).isEqualTo(MediaKind.PHOTO);
    assertThat(parts.get(1).text()).isEqualTo("meu pedido médico");
    assertThat(h.fakes.whatsApp.texts().get(0)).doesNotContain("vídeos e PDFs");
    // The change is asked only by runs that meet a photo or a PDF.
    assertThat(HistoryMarkers.versions(events()))
        .containsExactly(Changes.BASELINE, Changes.PATIENT_ATTACHMENTS);
  }

  @Test
  void aVideoReachesTheLlmByReferenceWithItsCaptionAfterIt() {
    h.deliver(
        "alpha",
        PHONE,
        h.message("alpha", PHONE, "v1", MessageKind.VIDEO, "olha o inchaço", false));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    List<ChatPart> parts = h.fakes.llm.requests.get(0).history().get(0).parts();
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).media().kind()).isEqualTo(MediaKind.VIDEO);
    assertThat(parts.get(0).media().mimeType()).isEqualTo("video/mp4");
    assertThat(parts.get(1).text()).isEqualTo("olha o inchaço");
    // Its own change, asked only by runs that meet a video.
    assertThat(HistoryMarkers.versions(events()))
        .containsExactly(Changes.BASELINE, Changes.PATIENT_VIDEOS);
  }

  @Test
  void aPdfAfterAWordOfTheSameBurstReachesTheLlmInOrder() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "segue o resultado do exame"));
    h.deliver("alpha", PHONE, h.message("alpha", PHONE, "d1", MessageKind.DOCUMENT, null, false));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);

    List<ChatPart> parts = h.fakes.llm.requests.get(0).history().get(0).parts();
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).text()).isEqualTo("segue o resultado do exame");
    assertThat(parts.get(1).media().kind()).isEqualTo(MediaKind.DOCUMENT);
    assertThat(parts.get(1).media().mimeType()).isEqualTo("application/pdf");
  }

  @Test
  void theAdAndTheQuotedMessageReachTheLlmBeforeTheWords() {
    h.deliver(
        "alpha",
        PHONE,
        ConversationHarness.withContext(
            h.text("alpha", PHONE, "m1", "quero esse"), "Tenho terça às 10h", "Clareamento"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);

    assertThat(h.fakes.llm.requests.get(0).history().get(0).parts())
        .extracting(ChatPart::text)
        .containsExactly(
            "[written from the clinic's ad: \"Clareamento\"]",
            "[replying to: \"Tenho terça às 10h\"]",
            "quero esse");
  }

  @Test
  void aConversationWithoutPhotosRecordsNoMarkerForThem() {
    h.deliver("alpha", PHONE, h.message("alpha", PHONE, "v1", MessageKind.AUDIO, null, false));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    assertThat(HistoryMarkers.versions(events())).containsExactly(Changes.BASELINE);
  }

  @Test
  void aVoiceNotesTranscriptIsKeptBesideItForTheRestOfTheTurnAndInMemory() {
    AtomicInteger calls = new AtomicInteger();
    h.fakes.llm.answer =
        r -> {
          if (calls.incrementAndGet() == 1) {
            // The call that heard the note also brings its words, and asks for a tool.
            ToolCall call = new ToolCall("c1", "echo", Map.of("day", "amanhã"));
            MediaRef note = r.history().get(r.history().size() - 1).parts().get(0).media();
            return new LlmReply(
                    new ChatMessage(ChatRole.MODEL, List.of(ChatPart.toolCall(call, null))),
                    "",
                    List.of(call),
                    10,
                    2)
                .withTranscripts(List.of(new LlmReply.Transcript(note, "Quero marcar amanhã.")));
          }
          return FakeActivities.Llm.reply("Marcado.");
        };
    h.deliver("alpha", PHONE, h.message("alpha", PHONE, "v1", MessageKind.AUDIO, null, false));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.settle();

    // The tool round's call reads the words; the note's reference stays beside them.
    ChatPart heard = h.fakes.llm.requests.get(1).history().get(0).parts().get(0);
    assertThat(heard.transcript()).isEqualTo("Quero marcar amanhã.");
    assertThat(heard.media().providerMessageId()).isEqualTo("v1");
    assertThat(h.fakes.conversations.turns)
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.messages().get(0).parts().get(0).transcript())
                    .isEqualTo("Quero marcar amanhã."));
  }

  @Test
  void anEarlierPhotoHeardByALaterTurnKeepsItsWordsInTheTurnThatHoldsIt() {
    AtomicInteger calls = new AtomicInteger();
    h.fakes.llm.answer =
        r -> {
          if (calls.incrementAndGet() != 2) {
            return FakeActivities.Llm.reply("Certo.");
          }
          // The second turn's first call: the photo of the first turn, still without words (its
          // description failed then), is described now; the call also asks for a tool.
          MediaRef photo = r.history().get(0).parts().get(0).media();
          ToolCall call = new ToolCall("c1", "echo", Map.of("day", "amanhã"));
          return new LlmReply(
                  new ChatMessage(ChatRole.MODEL, List.of(ChatPart.toolCall(call, null))),
                  "",
                  List.of(call),
                  10,
                  2)
              .withTranscripts(List.of(new LlmReply.Transcript(photo, "Pedido de raio-X.")));
        };
    h.deliver("alpha", PHONE, h.message("alpha", PHONE, "p1", MessageKind.IMAGE, null, false));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Pode marcar?"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
    h.settle();

    // The tool round's call reads the earlier photo's words instead of fetching it again…
    ChatPart earlier = h.fakes.llm.requests.get(2).history().get(0).parts().get(0);
    assertThat(earlier.media().providerMessageId()).isEqualTo("p1");
    assertThat(earlier.transcript()).isEqualTo("Pedido de raio-X.");
    // …and the second turn's record carries them, for the store to keep beside the photo.
    assertThat(h.fakes.conversations.turns).hasSize(2);
    assertThat(h.fakes.conversations.turns.get(0).heardEarlier()).isEmpty();
    assertThat(h.fakes.conversations.turns.get(1).heardEarlier())
        .singleElement()
        .satisfies(
            heard -> {
              assertThat(heard.media().providerMessageId()).isEqualTo("p1");
              assertThat(heard.text()).isEqualTo("Pedido de raio-X.");
            });
  }

  /** As the webhook does when it moves a paused LID-only patient to their phone's conversation. */
  @Test
  void aPauseThatStartsTheConversationHoldsItsFirstMessage() {
    h.pause("alpha", PHONE, new BotPause(Duration.ofMinutes(90), "carried from lid:123"));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi, ainda estou aqui"));
    h.settle();

    assertThat(h.fakes.whatsApp.sent).isEmpty();
    assertThat(h.fakes.llm.requests).isEmpty();
    assertThat(h.conversation("alpha", PHONE).state().pausedUntil()).isNotNull();
  }

  @Test
  void staffCanPauseAndResumeTheBot() {
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 1);
    PatientHandler conversation = h.conversation("alpha", PHONE);
    conversation.pause(new BotPause(Duration.ofHours(1), "telegram:-100"));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m2", "Oi?"));
    h.settle();
    assertThat(h.fakes.whatsApp.sent).hasSize(1);

    conversation.pause(new BotPause(Duration.ZERO, "telegram:-100"));
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m3", "Alguém?"));
    h.eventually(() -> h.fakes.whatsApp.sent.size() == 2);
  }

  /**
   * A turn that failed past its budget waits for an operator (the model answers {@code reply}
   * afterwards), and staff pause the bot from Telegram meanwhile.
   */
  private PatientHandler waitingAndThenPausedByStaff(String reply) {
    h.fakes.llm.failFirst(ActivityStubs.LLM_ATTEMPTS, PatientHandlerWorkflowTest::http500, reply);
    h.deliver("alpha", PHONE, h.text("alpha", PHONE, "m1", "Oi"));
    PatientHandler conversation = h.conversation("alpha", PHONE);
    h.eventually(() -> conversation.state().status() == ConversationStatus.NEEDS_ATTENTION);
    conversation.pause(new BotPause(Duration.ofHours(1), "telegram:-100"));
    return conversation;
  }

  /** The conversation's status as the Temporal UI filters on it. */
  private String statusAttribute() {
    return h.client
        .newUntypedWorkflowStub(ConversationHarness.workflowId("alpha", PHONE))
        .describe()
        .getTypedSearchAttributes()
        .get(SearchAttributes.CONVERSATION_STATUS);
  }

  private static ApplicationFailure http500() {
    return ApplicationFailure.newFailure("HTTP 500", "UPSTREAM_UNAVAILABLE");
  }

  private List<HistoryEvent> events() {
    return h.client.fetchHistory(ConversationHarness.workflowId("alpha", PHONE)).getEvents();
  }
}
