package com.clinicflow.workflows.testing;

import com.clinicflow.workflows.patient.BotPause;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.patient.ConversationStart;
import com.clinicflow.workflows.patient.InboundMessage;
import com.clinicflow.workflows.patient.MessageKind;
import com.clinicflow.workflows.patient.PatientHandler;
import com.clinicflow.workflows.patient.PatientHandlerImpl;
import com.clinicflow.workflows.patient.StaffOutbound;
import com.clinicflow.workflows.staff.InternalAssistant;
import com.clinicflow.workflows.staff.InternalAssistantImpl;
import com.clinicflow.workflows.staff.StaffAlert;
import com.clinicflow.workflows.staff.StaffStart;
import com.clinicflow.workflows.staff.StaffUpdate;
import com.clinicflow.workflows.tenant.TenantConfigLoaderImpl;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A time-skipping Temporal test environment running the real workflows against {@link
 * FakeActivities}, with the same signal-with-start the API uses.
 */
public final class ConversationHarness implements AutoCloseable {

  public static final String TASK_QUEUE = "clinicflow";

  public final FakeActivities fakes = new FakeActivities();
  public final WorkflowTaskCrash crash = new WorkflowTaskCrash();
  public final TestWorkflowEnvironment env = newEnvironment(crash);
  public final WorkflowClient client = env.getWorkflowClient();
  private final AtomicLong clock = new AtomicLong(1_763_039_928L);
  public ConversationSettings settings = ConversationSettings.defaults();

  /** Conversations started from now on leave failed turns to operators alone (decision 0028). */
  public void withoutAutomaticRetries() {
    ConversationSettings d = ConversationSettings.defaults();
    settings =
        new ConversationSettings(
            d.debounce(),
            d.maxBurstWait(),
            d.memoryWindow(),
            d.handoffPause(),
            d.idleTimeout(),
            d.turnsPerRun(),
            d.maxToolRounds(),
            List.of());
  }

  public ConversationHarness() {
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        PatientHandlerImpl.class, TenantConfigLoaderImpl.class, InternalAssistantImpl.class);
    worker.registerActivitiesImplementations(fakes.all());
    fakes.tenants.clinics.add(FakeActivities.clinic("alpha", "alpha_instance", -100L));
    fakes.tenants.clinics.add(FakeActivities.clinic("beta", "beta_instance", -200L));
    // Like the real raiser: the clinic's chat, enriched with name and language, signal-with-start.
    fakes.alerts.forward =
        alert ->
            fakes.tenants.clinics.stream()
                .filter(c -> c.tenantId().equals(alert.tenantId()))
                .findFirst()
                .ifPresent(
                    c ->
                        alertStaff(
                            c.telegramInternalChatId(),
                            alert.forClinic(c.clinicName(), c.language())));
    env.start();
  }

  /**
   * A time-skipping test environment that knows ClinicFlow's search attributes, its workers
   * intercepted by {@code interceptors}.
   */
  public static TestWorkflowEnvironment newEnvironment(WorkerInterceptor... interceptors) {
    io.temporal.testing.TestEnvironmentOptions.Builder options =
        io.temporal.testing.TestEnvironmentOptions.newBuilder()
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build());
    for (var key : com.clinicflow.workflows.common.SearchAttributes.ALL) {
      options.registerSearchAttribute(
          key.getName(), io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    return TestWorkflowEnvironment.newInstance(options.build());
  }

  public static String workflowId(String tenant, String phone) {
    return "patient:" + tenant + ":" + phone;
  }

  /** Signal-with-start, exactly as the webhook does it. */
  public void deliver(String tenant, String phone, InboundMessage message) {
    signalWithStart(
        tenant, phone, message.instanceName(), (stub, r) -> r.add(stub::onMessage, message));
  }

  /** Signal-with-start of a patient's conversation with a staff message, as the staff tool. */
  public void staffMessage(String tenant, String phone, StaffOutbound message) {
    signalWithStart(
        tenant, phone, tenant + "_instance", (stub, r) -> r.add(stub::staffMessage, message));
  }

  /** Signal-with-start of a patient's conversation with a pause, as the staff tool. */
  public void pause(String tenant, String phone, BotPause pause) {
    signalWithStart(tenant, phone, tenant + "_instance", (stub, r) -> r.add(stub::pause, pause));
  }

  /**
   * Starts the patient's conversation if needed and sends it the one signal {@code signal} adds.
   */
  private void signalWithStart(
      String tenant,
      String phone,
      String instance,
      java.util.function.BiConsumer<PatientHandler, BatchRequest> signal) {
    PatientHandler stub =
        client.newWorkflowStub(
            PatientHandler.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId(workflowId(tenant, phone))
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(stub::run, ConversationStart.fresh(tenant, phone, instance, settings));
    signal.accept(stub, request);
    client.signalWithStart(request);
  }

  /** Signal-with-start of a staff chat, as the Telegram webhook does it. */
  public void staff(String tenantInId, StaffUpdate update) {
    InternalAssistant stub = staffStub(tenantInId, update.chatId());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(stub::run, StaffStart.fresh(tenantInId, update.chatId()));
    request.add(stub::onUpdate, update);
    client.signalWithStart(request);
  }

  /** Signal-with-start of the clinic's staff chat with an alert, as the raiser does it. */
  public void alertStaff(long chatId, StaffAlert alert) {
    InternalAssistant stub = staffStub(alert.tenantId(), chatId);
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(stub::run, StaffStart.fresh(alert.tenantId(), chatId));
    request.add(stub::onAlert, alert);
    client.signalWithStart(request);
  }

  private InternalAssistant staffStub(String tenant, long chatId) {
    return client.newWorkflowStub(
        InternalAssistant.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TASK_QUEUE)
            .setWorkflowId(StaffStart.workflowId(tenant, chatId))
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build());
  }

  public StaffUpdate staffText(long chatId, long updateId, String text) {
    return new StaffUpdate(
        updateId,
        chatId,
        chatId,
        "Bia",
        text,
        null,
        Instant.ofEpochSecond(clock.incrementAndGet()));
  }

  public InternalAssistant staffChat(String tenant, long chatId) {
    return client.newWorkflowStub(InternalAssistant.class, StaffStart.workflowId(tenant, chatId));
  }

  public InboundMessage text(String tenant, String phone, String id, String text) {
    return message(tenant, phone, id, MessageKind.TEXT, text, false);
  }

  /** A message as the API maps it, received now (the test server's clock). */
  public InboundMessage message(
      String tenant, String phone, String id, MessageKind kind, String text, boolean fromStaff) {
    return new InboundMessage(
        id,
        tenant + "_instance",
        phone,
        null,
        fromStaff,
        "Ana",
        kind,
        text,
        mimeTypeOf(kind),
        Instant.ofEpochSecond(clock.incrementAndGet()),
        Instant.ofEpochMilli(env.currentTimeMillis()),
        null,
        null);
  }

  /** What WhatsApp announces for media of {@code kind}; null for other kinds. */
  private static String mimeTypeOf(MessageKind kind) {
    return switch (kind) {
      case AUDIO -> "audio/ogg; codecs=opus";
      case IMAGE -> "image/jpeg";
      case DOCUMENT -> "application/pdf";
      case VIDEO -> "video/mp4";
      default -> null;
    };
  }

  /** {@code message} as if the webhook had received it at {@code receivedAt}. */
  public static InboundMessage receivedAt(InboundMessage message, Instant receivedAt) {
    return copy(message, receivedAt, message.replyingTo(), message.fromAd());
  }

  /**
   * {@code message} as the API maps it when it quotes {@code replyingTo} and came from {@code
   * fromAd}.
   */
  public static InboundMessage withContext(
      InboundMessage message, String replyingTo, String fromAd) {
    return copy(message, message.receivedAt(), replyingTo, fromAd);
  }

  private static InboundMessage copy(
      InboundMessage message, Instant receivedAt, String replyingTo, String fromAd) {
    return new InboundMessage(
        message.providerMessageId(),
        message.instanceName(),
        message.replyTo(),
        message.lid(),
        message.fromStaff(),
        message.displayName(),
        message.kind(),
        message.text(),
        message.mimeType(),
        message.sentAt(),
        receivedAt,
        replyingTo,
        fromAd);
  }

  public PatientHandler conversation(String tenant, String phone) {
    return client.newWorkflowStub(PatientHandler.class, workflowId(tenant, phone));
  }

  /** Lets workflow time pass (timers fire at once in the test server). */
  public void pass(Duration duration) {
    env.sleep(duration);
  }

  /** Waits until the condition holds, letting workflow time pass meanwhile. */
  public void eventually(BooleanSupplier condition) {
    for (int i = 0; i < 200; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      env.sleep(Duration.ofSeconds(1));
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not reached");
  }

  /** Lets plenty of time pass so that anything that would happen has happened. */
  public void settle() {
    for (int i = 0; i < 5; i++) {
      env.sleep(Duration.ofSeconds(30));
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
