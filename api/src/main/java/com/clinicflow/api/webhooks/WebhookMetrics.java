package com.clinicflow.api.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code clinicflow.webhooks} (counter: channel, tenant, outcome) and {@code
 * clinicflow.webhooks.ack} (timer: channel, outcome), when the application has a {@link
 * MeterRegistry}. The tenant tag is a clinic's id or {@code none}, never an instance name or a
 * {@code /clinica} id from the request that is no clinic's, so a caller cannot create series at
 * will.
 */
@Component
class WebhookMetrics {

  static final String NO_TENANT = "none";

  private final MeterRegistry registry;

  WebhookMetrics(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry.getIfAvailable();
  }

  void record(String channel, String tenantId, WebhookOutcome outcome, long startedNanos) {
    if (registry == null) {
      return;
    }
    registry
        .counter(
            "clinicflow.webhooks",
            "channel",
            channel,
            "tenant",
            tenantId == null ? NO_TENANT : tenantId,
            "outcome",
            outcome.tag())
        .increment();
    registry
        .timer("clinicflow.webhooks.ack", "channel", channel, "outcome", outcome.tag())
        .record(Duration.ofNanos(System.nanoTime() - startedNanos));
  }
}
