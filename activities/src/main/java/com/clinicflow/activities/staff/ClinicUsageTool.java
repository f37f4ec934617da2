package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.ConversationSummary;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.workflows.agent.ToolInvocation;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code clinic_usage}: the clinic's message quota this period (read from the row, never the cache,
 * so counters are live) and the conversations waiting for an operator.
 */
final class ClinicUsageTool extends StaffTool {

  private final TenantRepository repository;
  private final ConversationRepository conversations;

  ClinicUsageTool(
      CachedTenants tenants, TenantRepository repository, ConversationRepository conversations) {
    super(
        "clinic_usage",
        "The clinic's WhatsApp message usage and quota this month, and conversations that need"
            + " attention.",
        Map.of(),
        List.of(),
        tenants);
    this.repository = repository;
    this.conversations = conversations;
  }

  @Override
  public Map<String, Object> handle(ToolInvocation invocation) {
    TenantConfig clinic =
        repository
            .findById(invocation.tenantId())
            .orElseThrow(() -> Errors.NOT_FOUND.failure("The clinic no longer exists"));
    int count = clinic.currentMessageCount() == null ? 0 : clinic.currentMessageCount();
    int limit = clinic.monthlyMessageLimit() == null ? 0 : clinic.monthlyMessageLimit();
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("messages_this_period", count);
    usage.put("monthly_limit", limit);
    usage.put("usage_percent", limit == 0 ? 100.0 : Math.round(1000.0 * count / limit) / 10.0);
    usage.put("remaining", Math.max(0, limit - count));
    usage.put("period_start", String.valueOf(clinic.quotaPeriodStart()));
    usage.put("active", clinic.active());
    List<ConversationSummary> waiting = conversations.listNeedingAttention(clinic.tenantId());
    usage.put(
        "conversations_needing_attention",
        waiting.stream().map(ConversationSummary::workflowId).limit(20).toList());
    return usage;
  }
}
