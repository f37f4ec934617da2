package com.clinicflow.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.conversation.ConversationStatus;
import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.ConversationView;
import com.clinicflow.workflows.patient.InboundMessage;
import com.clinicflow.workflows.patient.MessageKind;
import com.clinicflow.workflows.patient.OperatorRetry;
import com.clinicflow.workflows.patient.OperatorSkip;
import com.clinicflow.workflows.patient.PatientHandler;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signal-with-start really reaches a PatientHandler through an (in-memory) Temporal. */
class TemporalConversationStarterTest {

  private static final String QUEUE = "api-test-queue";
  private static final String WORKFLOW_ID = "patient:clinica-anota:5511900000001";

  private TestWorkflowEnvironment env;
  private TemporalConversationStarter starter;

  /** Stands in for the real conversation: keeps what it receives, ends on "bye". */
  public static class RecordingPatientHandler implements PatientHandler {
    static final Queue<ConversationStart> STARTS = new ConcurrentLinkedQueue<>();
    static final Queue<InboundMessage> MESSAGES = new ConcurrentLinkedQueue<>();
    static final Queue<BotPause> PAUSES = new ConcurrentLinkedQueue<>();

    private final List<InboundMessage> received = new ArrayList<>();

    @Override
    public void run(ConversationStart start) {
      if (!Workflow.isReplaying()) {
        STARTS.add(start);
      }
      Workflow.await(() -> received.stream().anyMatch(m -> "bye".equals(m.text())));
    }

    @Override
    public void onMessage(InboundMessage message) {
      received.add(message);
      if (!Workflow.isReplaying()) {
        MESSAGES.add(message);
      }
    }

    @Override
    public List<com.clinicflow.workflows.patient.UnansweredMessage> unanswered() {
      return List.of();
    }

    @Override
    public void staffMessage(com.clinicflow.workflows.patient.StaffOutbound message) {}

    @Override
    public void pause(BotPause pause) {
      if (!Workflow.isReplaying()) {
        PAUSES.add(pause);
      }
    }

    @Override
    public void retry(OperatorRetry retry) {}

    @Override
    public void skip(OperatorSkip skip) {}

    @Override
    public ConversationView state() {
      return new ConversationView(
          null, null, ConversationStatus.values()[0], null, received.size(), 0, null, null);
    }
  }

  @BeforeEach
  void start() {
    RecordingPatientHandler.STARTS.clear();
    RecordingPatientHandler.MESSAGES.clear();
    RecordingPatientHandler.PAUSES.clear();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(RecordingPatientHandler.class);
    env.start();
    starter =
        new TemporalConversationStarter(env.getWorkflowClient(), new TaskQueueProperties(QUEUE));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static InboundMessage message(String id, String text) {
    return new InboundMessage(
        id,
        "anota",
        "5511900000001",
        null,
        false,
        "Paciente",
        MessageKind.TEXT,
        text,
        null,
        Instant.ofEpochSecond(1763039928),
        Instant.ofEpochSecond(1763039929),
        null,
        null);
  }

  private static ConversationStart conversation() {
    return ConversationStart.fresh(
        "clinica-anota", "5511900000001", "anota", ConversationSettings.defaults());
  }

  private void awaitCompletion() throws Exception {
    env.getWorkflowClient()
        .newUntypedWorkflowStub(WORKFLOW_ID)
        .getResult(20, TimeUnit.SECONDS, Void.class);
  }

  @Test
  void startsTheConversationAndSignalsTheMessage() throws Exception {
    InboundMessage hello = message("M1", "hello");
    starter.signalWithStart(WORKFLOW_ID, conversation(), hello);
    starter.signalWithStart(WORKFLOW_ID, conversation(), message("M2", "bye"));
    awaitCompletion();

    assertThat(RecordingPatientHandler.STARTS).containsExactly(conversation());
    assertThat(RecordingPatientHandler.MESSAGES)
        .extracting(InboundMessage::providerMessageId)
        .containsExactly("M1", "M2");
    assertThat(RecordingPatientHandler.MESSAGES.peek()).isEqualTo(hello);
    WorkflowStub stub = env.getWorkflowClient().newUntypedWorkflowStub(WORKFLOW_ID);
    assertThat(stub.describe().getWorkflowType()).isEqualTo("PatientHandler");
  }

  @Test
  void aPauseStartsTheConversationAndReachesItBeforeTheMessage() throws Exception {
    BotPause carried = new BotPause(Duration.ofMinutes(90), "carried from lid:123");
    starter.pause(WORKFLOW_ID, conversation(), carried);
    starter.signalWithStart(WORKFLOW_ID, conversation(), message("M1", "bye"));
    awaitCompletion();

    assertThat(RecordingPatientHandler.STARTS).containsExactly(conversation());
    assertThat(RecordingPatientHandler.PAUSES).containsExactly(carried);
    assertThat(RecordingPatientHandler.MESSAGES)
        .extracting(InboundMessage::text)
        .containsExactly("bye");
  }

  @Test
  void firstMessagesArrivingTogetherAllReachTheOneNewConversation() throws Exception {
    // The embedded server starts a run without locking out a concurrent signal-with-start; many
    // rounds of simultaneous first messages make that race happen, as Evolution's concurrent
    // upserts do.
    int senders = 6;
    int rounds = 100;
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      for (int round = 0; round < rounds; round++) {
        String id = WORKFLOW_ID + ":" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
          InboundMessage m = message("R" + round + "-" + i, "hi");
          calls.add(
              pool.submit(
                  () -> {
                    go.await();
                    starter.signalWithStart(id, conversation(), m);
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> call : calls) {
          call.get(20, TimeUnit.SECONDS); // throws if the starter gave up on a message
        }
        starter.signalWithStart(id, conversation(), message("R" + round + "-bye", "bye"));
        env.getWorkflowClient()
            .newUntypedWorkflowStub(id)
            .getResult(20, TimeUnit.SECONDS, Void.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(RecordingPatientHandler.STARTS).hasSize(rounds);
    assertThat(RecordingPatientHandler.MESSAGES).hasSize(rounds * (senders + 1));
  }

  @Test
  void aConversationThatEndedIsStartedAgainUnderTheSameId() throws Exception {
    starter.signalWithStart(WORKFLOW_ID, conversation(), message("M1", "bye"));
    awaitCompletion();

    starter.signalWithStart(WORKFLOW_ID, conversation(), message("M2", "bye"));
    awaitCompletion();

    assertThat(RecordingPatientHandler.STARTS).hasSize(2);
    assertThat(RecordingPatientHandler.MESSAGES)
        .extracting(InboundMessage::providerMessageId)
        .containsExactly("M1", "M2");
  }
}
