package com.clinicflow.app.edge;

import com.clinicflow.activities.store.ActivityLogRepository;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.QuotaRepository;
import com.clinicflow.activities.store.TenantHealthRepository;
import com.clinicflow.activities.store.TenantHealthSignals;
import com.clinicflow.activities.store.TenantUsage;
import com.clinicflow.api.tenants.ActivityLogLine;
import com.clinicflow.api.tenants.TenantHealthReport;
import com.clinicflow.api.tenants.TenantInsights;
import com.clinicflow.api.tenants.TenantUsageReport;
import java.util.List;
import java.util.Optional;

/** {@link TenantInsights} over the store's quota, health, conversation and log repositories. */
class StoreTenantInsights implements TenantInsights {

  private final QuotaRepository quotas;
  private final TenantHealthRepository health;
  private final ConversationRepository conversations;
  private final ActivityLogRepository activityLog;

  StoreTenantInsights(
      QuotaRepository quotas,
      TenantHealthRepository health,
      ConversationRepository conversations,
      ActivityLogRepository activityLog) {
    this.quotas = quotas;
    this.health = health;
    this.conversations = conversations;
    this.activityLog = activityLog;
  }

  @Override
  public Optional<TenantUsageReport> usage(String tenantId) {
    return quotas.usage(tenantId).map(StoreTenantInsights::report);
  }

  @Override
  public Optional<TenantHealthReport> health(String tenantId) {
    Optional<TenantUsage> usage = quotas.usage(tenantId);
    Optional<TenantHealthSignals> signals = health.signals(tenantId);
    if (usage.isEmpty() || signals.isEmpty()) {
      return Optional.empty();
    }
    TenantHealthSignals s = signals.get();
    List<TenantHealthReport.AttentionItem> waiting =
        conversations.listNeedingAttention(tenantId).stream()
            .map(
                c ->
                    new TenantHealthReport.AttentionItem(
                        c.contact(), c.workflowId(), c.needsAttentionSince(), c.lastError()))
            .toList();
    return Optional.of(
        TenantHealthReport.of(
            tenantId,
            usage.get().active(),
            s.lastInboundAt(),
            s.lastReplyAt(),
            s.lastError() == null
                ? null
                : new TenantHealthReport.LastError(
                    s.lastErrorAt(), s.lastError(), s.lastErrorSource()),
            s.whatsappState() == null
                ? null
                : new TenantHealthReport.WhatsAppConnection(
                    s.whatsappState(), s.whatsappStatusReason(), s.whatsappStateAt()),
            usage.get().exceeded(),
            waiting));
  }

  @Override
  public List<ActivityLogLine> activity(String tenantId, String eventType, int limit, int offset) {
    return activityLog.newestFirst(tenantId, eventType, limit, offset).stream()
        .map(
            r ->
                new ActivityLogLine(
                    r.id(), r.eventType(), r.details(), r.workflowId(), r.createdAt()))
        .toList();
  }

  private static TenantUsageReport report(TenantUsage u) {
    return new TenantUsageReport(
        u.tenantId(),
        u.clinicName(),
        u.active(),
        u.timezone(),
        u.messageCount(),
        u.messageLimit(),
        u.percent(),
        u.remaining(),
        u.exceeded(),
        u.periodStart(),
        u.periodEnd());
  }
}
