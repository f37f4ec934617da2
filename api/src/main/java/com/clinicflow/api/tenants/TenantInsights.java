package com.clinicflow.api.tenants;

import java.util.List;
import java.util.Optional;

/**
 * What the admin API shows about how a clinic is doing: its quota usage, its health and its
 * activity log. Implemented over PostgreSQL by the composition root ({@code app}), like {@link
 * TenantDirectory}. Every answer reads the database (no cache): operators look at live numbers.
 */
public interface TenantInsights {

  /** The clinic's quota usage now; empty for an unknown tenant. */
  Optional<TenantUsageReport> usage(String tenantId);

  /** The clinic's health; empty for an unknown tenant. */
  Optional<TenantHealthReport> health(String tenantId);

  /**
   * A page of the clinic's activity log, newest first (empty for an unknown tenant as for a clinic
   * with no activity: callers check the tenant first).
   *
   * @param eventType only lines of this kind ({@code configuration_changed}, …); null = all
   * @param limit lines to return
   * @param offset lines to skip
   */
  List<ActivityLogLine> activity(String tenantId, String eventType, int limit, int offset);
}
