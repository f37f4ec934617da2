package com.clinicflow.app.metrics;

import com.clinicflow.activities.store.QuotaRepository;
import com.clinicflow.activities.store.TenantUsage;
import com.clinicflow.app.roles.ConditionalOnRole;
import com.clinicflow.app.roles.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Quota usage per clinic on {@code /actuator/prometheus}: {@code clinicflow_quota_used_messages},
 * {@code clinicflow_quota_limit_messages} and {@code clinicflow_quota_usage_ratio}, tagged {@code
 * tenant}, refreshed every 30 s from one query (an alert rule can fire at a ratio of 0.8).
 */
@Component
@EnableScheduling
@ConditionalOnRole(Role.API)
class QuotaGauges {

  private static final Logger log = LoggerFactory.getLogger(QuotaGauges.class);

  private final QuotaRepository quotas;
  private final MultiGauge used;
  private final MultiGauge limit;
  private final MultiGauge ratio;

  QuotaGauges(QuotaRepository quotas, MeterRegistry registry) {
    this.quotas = quotas;
    this.used = MultiGauge.builder("clinicflow.quota.used").baseUnit("messages").register(registry);
    this.limit =
        MultiGauge.builder("clinicflow.quota.limit").baseUnit("messages").register(registry);
    this.ratio = MultiGauge.builder("clinicflow.quota.usage.ratio").register(registry);
  }

  @Scheduled(initialDelay = 5_000, fixedDelay = 30_000)
  void refresh() {
    List<TenantUsage> usage;
    try {
      usage = quotas.usageOfActiveTenants();
    } catch (RuntimeException e) {
      log.warn("Quota gauges not refreshed: {}", e.getClass().getSimpleName());
      return;
    }
    used.register(rows(usage, u -> u.messageCount()), true);
    limit.register(rows(usage, u -> u.messageLimit()), true);
    ratio.register(
        rows(
            usage, u -> u.messageLimit() == 0 ? 1.0 : (double) u.messageCount() / u.messageLimit()),
        true);
  }

  private static List<MultiGauge.Row<?>> rows(
      List<TenantUsage> usage, ToDoubleFunction<TenantUsage> value) {
    return TenantGaugeRows.of(usage, TenantUsage::tenantId, value);
  }
}
