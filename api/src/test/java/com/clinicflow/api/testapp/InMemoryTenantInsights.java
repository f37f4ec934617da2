package com.clinicflow.api.testapp;

import com.clinicflow.api.tenants.ActivityLogLine;
import com.clinicflow.api.tenants.TenantHealthReport;
import com.clinicflow.api.tenants.TenantInsights;
import com.clinicflow.api.tenants.TenantUsageReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TenantInsights} in memory: tests put what the database would answer. */
public class InMemoryTenantInsights implements TenantInsights {

  private final Map<String, TenantUsageReport> usage = new HashMap<>();
  private final Map<String, TenantHealthReport> health = new HashMap<>();
  private final Map<String, List<ActivityLogLine>> logs = new HashMap<>();

  /** (limit, offset) of every activity read. */
  public final List<int[]> activityReads = new ArrayList<>();

  public synchronized void reset() {
    usage.clear();
    health.clear();
    logs.clear();
    activityReads.clear();
  }

  public synchronized void putUsage(TenantUsageReport report) {
    usage.put(report.tenantId(), report);
  }

  public synchronized void putHealth(TenantHealthReport report) {
    health.put(report.tenantId(), report);
  }

  /** The tenant's log, newest first. */
  public synchronized void putLog(String tenantId, List<ActivityLogLine> newestFirst) {
    logs.put(tenantId, List.copyOf(newestFirst));
  }

  @Override
  public synchronized Optional<TenantUsageReport> usage(String tenantId) {
    return Optional.ofNullable(usage.get(tenantId));
  }

  @Override
  public synchronized Optional<TenantHealthReport> health(String tenantId) {
    return Optional.ofNullable(health.get(tenantId));
  }

  @Override
  public synchronized List<ActivityLogLine> activity(
      String tenantId, String eventType, int limit, int offset) {
    activityReads.add(new int[] {limit, offset});
    List<ActivityLogLine> all =
        logs.getOrDefault(tenantId, List.of()).stream()
            .filter(line -> eventType == null || line.eventType().equals(eventType))
            .toList();
    return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
  }
}
