package com.clinicflow.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Temporal is ({@code clinicflow.temporal.*}).
 *
 * @param address external Temporal frontend {@code host:port}; unset = the embedded server
 * @param embeddedPort port of the embedded Temporal server
 * @param namespace Temporal namespace
 * @param taskQueue the task queue every ClinicFlow workflow and activity runs on
 * @param stickyExecution whether the worker asks Temporal for sticky execution (a workflow's next
 *     task goes to the worker that has it cached, which skips replaying its history). Set it false
 *     on workers that connect to an embedded {@code temporal} role in another process: that server
 *     (Temporal's test server) never moves tasks off a dead worker's sticky queue, so a SIGKILLed
 *     worker would strand every conversation it had cached (measured by {@code bench/run.sh
 *     crash}); a Temporal cluster moves them after a few seconds. (A lone embedded {@code temporal}
 *     role turns sticky execution off for every worker by itself; see {@code
 *     EmbeddedTemporalServer}.)
 * @param workflowCacheSize conversations (and other workflows) a worker keeps in memory between
 *     their tasks; one that was evicted replays its whole history on its next message. Size it to
 *     the conversations active within a few minutes. With platform threads (JDK 17) each cached
 *     workflow also holds an OS thread, so the worker's workflow thread cap follows this number
 * @param deadlockDetectionTimeout how long a workflow thread may run without yielding before the
 *     SDK reports a potential deadlock and fails the workflow task (retried, and shown as a failed
 *     task in the conversation's history). Temporal's 1 s default is crossed on two cores by a
 *     worker that has just started and replays many conversations at once while it loads and
 *     compiles its classes; ClinicFlow's workflow code does no I/O and never blocks (enforced by
 *     ArchitectureTest), so a longer limit hides no real deadlock. Below the 10 s workflow task
 *     timeout.
 */
@ConfigurationProperties("clinicflow.temporal")
public record TemporalProperties(
    String address,
    @DefaultValue("7233") int embeddedPort,
    @DefaultValue("default") String namespace,
    @DefaultValue("clinicflow") String taskQueue,
    @DefaultValue("true") boolean stickyExecution,
    @DefaultValue("600") int workflowCacheSize,
    Duration deadlockDetectionTimeout) {

  /**
   * When {@code deadlock-detection-timeout} is unset: half the workflow task timeout (10 s), so a
   * real deadlock still fails the task before the task times out.
   */
  public static final Duration DEFAULT_DEADLOCK_DETECTION_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration WORKFLOW_TASK_TIMEOUT = Duration.ofSeconds(10);

  public TemporalProperties {
    if (workflowCacheSize < 0) {
      throw new IllegalArgumentException(
          "clinicflow.temporal.workflow-cache-size must be 0 or more, not " + workflowCacheSize);
    }
    if (deadlockDetectionTimeout == null) {
      deadlockDetectionTimeout = DEFAULT_DEADLOCK_DETECTION_TIMEOUT;
    }
    if (deadlockDetectionTimeout.isNegative()
        || deadlockDetectionTimeout.isZero()
        || deadlockDetectionTimeout.compareTo(WORKFLOW_TASK_TIMEOUT) >= 0) {
      throw new IllegalArgumentException(
          "clinicflow.temporal.deadlock-detection-timeout must be above 0 and below the 10 s"
              + " workflow task timeout, not "
              + deadlockDetectionTimeout);
    }
  }

  public boolean embedded() {
    return address == null || address.isBlank();
  }

  /** The gRPC target clients connect to. */
  public String target() {
    return embedded() ? "127.0.0.1:" + embeddedPort : address;
  }
}
