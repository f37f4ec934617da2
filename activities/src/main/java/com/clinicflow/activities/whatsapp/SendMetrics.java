package com.clinicflow.activities.whatsapp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counter {@code clinicflow.messages.sent{channel=whatsapp, tenant, outcome}}, outcome one of
 * {@code sent}, {@code already_sent}, {@code found_sent} (a retry found the earlier attempt's
 * message at the gateway and sent nothing), {@code sandbox}, {@code failed} (one count per
 * attempt). A no-op without a {@link MeterRegistry}.
 */
final class SendMetrics {

  static final String NAME = "clinicflow.messages.sent";

  enum Outcome {
    SENT("sent"),
    ALREADY_SENT("already_sent"),
    FOUND_SENT("found_sent"),
    SANDBOX("sandbox"),
    FAILED("failed");

    private final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }

    String tag() {
      return tag;
    }
  }

  private final MeterRegistry registry;

  /** {@code registry} may be null: metrics are then not recorded. */
  SendMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  static SendMetrics none() {
    return new SendMetrics(null);
  }

  void count(String tenantId, Outcome outcome) {
    if (registry == null) {
      return;
    }
    Counter.builder(NAME)
        .description("WhatsApp messages handed to the gateway, by outcome")
        .tag("channel", "whatsapp")
        .tag("tenant", tenantId)
        .tag("outcome", outcome.tag())
        .register(registry)
        .increment();
  }
}
