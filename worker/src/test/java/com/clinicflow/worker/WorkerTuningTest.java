package com.clinicflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code clinicflow.temporal.deadlock-detection-timeout}: its default, its bounds, its use. */
class WorkerTuningTest {

  private static TemporalProperties withDeadlockTimeout(Duration timeout) {
    return new TemporalProperties(null, 7233, "default", "tuning-test", true, 600, timeout);
  }

  @Test
  void theDefaultIsFiveSecondsAndItMustStayBelowTheWorkflowTaskTimeout() {
    assertThat(withDeadlockTimeout(null).deadlockDetectionTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> withDeadlockTimeout(Duration.ZERO))
        .hasMessageContaining("deadlock-detection-timeout");
    assertThatThrownBy(() -> withDeadlockTimeout(Duration.ofSeconds(10)))
        .hasMessageContaining("below the 10 s workflow task timeout");
  }

  @Test
  void thePropertyBindsFromConfigurationAndIsOptional() {
    assertThat(bind(Map.of("clinicflow.temporal.deadlock-detection-timeout", "3s")))
        .extracting(TemporalProperties::deadlockDetectionTimeout)
        .isEqualTo(Duration.ofSeconds(3));
    // An empty value, as .env.example leaves it, is the default.
    assertThat(bind(Map.of("clinicflow.temporal.deadlock-detection-timeout", "")))
        .extracting(TemporalProperties::deadlockDetectionTimeout)
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(bind(Map.of("clinicflow.temporal.task-queue", "q")).deadlockDetectionTimeout())
        .isEqualTo(Duration.ofSeconds(5));
  }

  private static TemporalProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("clinicflow.temporal", TemporalProperties.class);
  }

  @Test
  void theWorkerPollsWithTheConfiguredDeadlockTimeout() {
    try (ServerOnAPort temporal = ServerOnAPort.start(EmbeddedTemporalServer.Stickiness.ALLOWED)) {
      ClinicFlowWorker worker =
          new ClinicFlowWorker(
              temporal.client,
              "tuning-test",
              new ThreadingMode(false, 17),
              List.of(),
              ClinicFlowWorker.Tuning.of(withDeadlockTimeout(Duration.ofMillis(3_500))));

      assertThat(worker.workerOptions().getDefaultDeadlockDetectionTimeout()).isEqualTo(3_500);
    }
  }
}
