package com.clinicflow.app.metrics;

import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.TenantAttention;
import com.clinicflow.app.roles.ConditionalOnRole;
import com.clinicflow.app.roles.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Conversations waiting for an operator, per clinic, on {@code /actuator/prometheus}: {@code
 * clinicflow_conversations_needing_attention} and {@code
 * clinicflow_conversations_attention_oldest_wait_seconds} (0 when none waits), tagged {@code
 * tenant}, refreshed every 30 s from one query. The page an operator is woken by: a patient's turn
 * failed past its retry budget and nobody answers them until someone retries or skips it.
 */
@Component
@EnableScheduling
@ConditionalOnRole(Role.API)
class AttentionGauges {

  private static final Logger log = LoggerFactory.getLogger(AttentionGauges.class);

  private final Supplier<List<TenantAttention>> attention;
  private final Clock clock;
  private final MultiGauge waiting;
  private final MultiGauge oldestWait;

  @Autowired
  AttentionGauges(ConversationRepository conversations, MeterRegistry registry) {
    this(conversations::attentionOfActiveTenants, registry, Clock.systemUTC());
  }

  AttentionGauges(Supplier<List<TenantAttention>> attention, MeterRegistry registry, Clock clock) {
    this.attention = attention;
    this.clock = clock;
    this.waiting =
        MultiGauge.builder("clinicflow.conversations.needing.attention").register(registry);
    this.oldestWait =
        MultiGauge.builder("clinicflow.conversations.attention.oldest.wait")
            .baseUnit("seconds")
            .register(registry);
  }

  @Scheduled(initialDelay = 5_000, fixedDelay = 30_000)
  void refresh() {
    List<TenantAttention> clinics;
    try {
      clinics = attention.get();
    } catch (RuntimeException e) {
      log.warn("Attention gauges not refreshed: {}", e.getClass().getSimpleName());
      return;
    }
    waiting.register(rows(clinics, TenantAttention::waiting), true);
    oldestWait.register(rows(clinics, this::secondsWaited), true);
  }

  private double secondsWaited(TenantAttention clinic) {
    if (clinic.oldestSince() == null) {
      return 0;
    }
    return Math.max(0, Duration.between(clinic.oldestSince(), clock.instant()).toSeconds());
  }

  private static List<MultiGauge.Row<?>> rows(
      List<TenantAttention> clinics, ToDoubleFunction<TenantAttention> value) {
    return TenantGaugeRows.of(clinics, TenantAttention::tenantId, value);
  }
}
