package com.clinicflow.worker;

import com.clinicflow.workflows.agent.LlmActivities;
import com.clinicflow.workflows.agent.ToolActivities;
import com.clinicflow.workflows.appointments.AppointmentActivities;
import com.clinicflow.workflows.appointments.ConfirmationSchedulerImpl;
import com.clinicflow.workflows.appointments.DailyConfirmationImpl;
import com.clinicflow.workflows.conversation.ConversationStoreActivities;
import com.clinicflow.workflows.housekeeping.HousekeepingActivities;
import com.clinicflow.workflows.messaging.TelegramActivities;
import com.clinicflow.workflows.messaging.WhatsAppActivities;
import com.clinicflow.workflows.patient.PatientHandlerImpl;
import com.clinicflow.workflows.quota.QuotaActivities;
import com.clinicflow.workflows.quota.QuotaResetWorkflowImpl;
import com.clinicflow.workflows.staff.InternalAssistantImpl;
import com.clinicflow.workflows.staff.StaffAlertActivities;
import com.clinicflow.workflows.tenant.TenantConfigLoaderImpl;
import com.clinicflow.workflows.tenant.TenantStoreActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Temporal worker of this process: one task queue, every ClinicFlow workflow and activity.
 * Started last (after migrations and every other bean), stopped first, and on stop it lets running
 * activities finish for a grace period so a SIGTERM does not waste a paid LLM call.
 */
public class ClinicFlowWorker implements SmartLifecycle {

  /** The activity interfaces a worker must serve; a missing implementation fails the start. */
  public static final List<Class<?>> ACTIVITY_TYPES =
      List.of(
          TenantStoreActivities.class,
          ConversationStoreActivities.class,
          LlmActivities.class,
          ToolActivities.class,
          WhatsAppActivities.class,
          QuotaActivities.class,
          HousekeepingActivities.class,
          TelegramActivities.class,
          StaffAlertActivities.class,
          AppointmentActivities.class);

  /** Temporal's own default workflow cache (and workflow thread cap). */
  static final int DEFAULT_CACHE = 600;

  private static final Logger log = LoggerFactory.getLogger(ClinicFlowWorker.class);

  private final WorkerFactory factory;
  private final ThreadingMode threading;
  private final String taskQueue;
  private final Tuning tuning;
  private volatile boolean running;

  /** Sticky execution on, Temporal's default cache: what a worker of a Temporal cluster wants. */
  public ClinicFlowWorker(
      WorkflowClient client,
      String taskQueue,
      ThreadingMode threading,
      List<Object> activityImplementations) {
    this(client, taskQueue, threading, activityImplementations, Tuning.DEFAULTS);
  }

  public ClinicFlowWorker(
      WorkflowClient client,
      String taskQueue,
      ThreadingMode threading,
      List<Object> activityImplementations,
      Tuning tuning) {
    this.threading = threading;
    this.taskQueue = taskQueue;
    this.tuning = tuning;
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setUsingVirtualWorkflowThreads(threading.virtualThreads())
                .setWorkflowCacheSize(tuning.workflowCacheSize())
                // Platform threads: a cached workflow holds a thread, so the cap follows the cache.
                .setMaxWorkflowThreadCount(Math.max(DEFAULT_CACHE, tuning.workflowCacheSize()))
                .setWorkerInterceptors(new LoggingContext(), new DatabaseFailures())
                .build());
    Worker worker =
        factory.newWorker(
            taskQueue,
            stickyExecution(
                WorkerOptions.newBuilder()
                    .setUsingVirtualThreads(threading.virtualThreads())
                    .setDefaultDeadlockDetectionTimeout(
                        tuning.deadlockDetectionTimeout().toMillis()),
                tuning.stickyExecution()));
    worker.registerWorkflowImplementationTypes(
        PatientHandlerImpl.class,
        TenantConfigLoaderImpl.class,
        QuotaResetWorkflowImpl.class,
        InternalAssistantImpl.class,
        ConfirmationSchedulerImpl.class,
        DailyConfirmationImpl.class);
    worker.registerActivitiesImplementations(activityImplementations.toArray());
  }

  /** The options the worker polls with, for tests. */
  WorkerOptions workerOptions() {
    return factory.getWorker(taskQueue).getWorkerOptions();
  }

  /** A zero schedule-to-start timeout is how the SDK is told to send no sticky attributes. */
  private static WorkerOptions stickyExecution(WorkerOptions.Builder options, boolean sticky) {
    if (!sticky) {
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    return options.build();
  }

  @Override
  public void start() {
    WorkflowClient client = factory.getWorkflowClient();
    SearchAttributeRegistration.register(
        client.getWorkflowServiceStubs(), client.getOptions().getNamespace());
    factory.start();
    running = true;
    log.info(
        "Temporal worker polling task queue '{}' with {}, workflow cache {}{}",
        taskQueue,
        threading.describe(),
        tuning.workflowCacheSize(),
        tuning.stickyExecution() ? "" : ", sticky execution off");
  }

  @Override
  public void stop() {
    factory.shutdown();
    factory.awaitTermination(20, TimeUnit.SECONDS);
    running = false;
    log.info("Temporal worker stopped");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the web server and everything else: poll only once the process can do the work. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }

  /**
   * How this worker keeps workflows between their tasks.
   *
   * @param stickyExecution false sends no sticky attributes, so every workflow task goes to the
   *     shared task queue (see {@link TemporalProperties#stickyExecution()})
   * @param workflowCacheSize workflows kept in memory (see {@link
   *     TemporalProperties#workflowCacheSize()})
   */
  /**
   * How the worker holds and runs workflows: sticky execution and the workflow cache, and how long
   * a workflow thread may run without yielding before the SDK calls it a deadlock and fails the
   * task ({@link TemporalProperties}).
   */
  public record Tuning(
      boolean stickyExecution, int workflowCacheSize, Duration deadlockDetectionTimeout) {

    /** Temporal's defaults for a worker of a cluster, and ClinicFlow's deadlock timeout. */
    static final Tuning DEFAULTS =
        new Tuning(true, DEFAULT_CACHE, TemporalProperties.DEFAULT_DEADLOCK_DETECTION_TIMEOUT);

    static Tuning of(TemporalProperties properties) {
      return new Tuning(
          properties.stickyExecution(),
          properties.workflowCacheSize(),
          properties.deadlockDetectionTimeout());
    }
  }
}
