package com.clinicflow.activities.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Quota periods: a clinic's usage for the admin API, and the periodic reset of ended periods. The
 * period arithmetic is the schema's ({@code current_quota_period_start}), so the database, the
 * counter and these views agree on when a clinic's month begins.
 */
public class QuotaRepository {

  private final JdbcClient jdbc;

  public QuotaRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static final String USAGE =
      """
      SELECT tenant_id, clinic_name, is_active, timezone, monthly_message_limit,
             CASE WHEN quota_period_start < current_quota_period_start(timezone) THEN 0
                  ELSE current_message_count END AS message_count,
             GREATEST(quota_period_start, current_quota_period_start(timezone)) AS period_start,
             (date_trunc('month', now() AT TIME ZONE timezone) + interval '1 month')
               AT TIME ZONE timezone AS period_end
        FROM tenant_config
      """;

  private static final RowMapper<TenantUsage> ROW =
      (rs, n) ->
          new TenantUsage(
              rs.getString("tenant_id"),
              rs.getString("clinic_name"),
              rs.getBoolean("is_active"),
              rs.getString("timezone"),
              rs.getInt("message_count"),
              rs.getInt("monthly_message_limit"),
              TenantRepository.instant(rs, "period_start"),
              TenantRepository.instant(rs, "period_end"));

  /** The clinic's usage now; empty for an unknown tenant. */
  public Optional<TenantUsage> usage(String tenantId) {
    return jdbc.sql(USAGE + " WHERE tenant_id = :tenant_id")
        .param("tenant_id", tenantId)
        .query(ROW)
        .optional();
  }

  /**
   * Usage of every active clinic, for the quota gauges an operator watches. Deliberately across
   * tenants: it feeds the system's own metrics, never a tenant's request.
   */
  public List<TenantUsage> usageOfActiveTenants() {
    return jdbc.sql(USAGE + " WHERE is_active ORDER BY tenant_id").query(ROW).list();
  }

  /**
   * Resets every clinic whose period has ended ({@code reset_expired_quotas()}, the function
   * operators can also call from psql). Deliberately across all tenants: it is the system's
   * scheduled job, never a tenant's own request.
   *
   * @return how many clinics were reset
   */
  public int resetExpired() {
    return jdbc.sql("SELECT reset_expired_quotas()").query(Integer.class).single();
  }

  /**
   * Drops the quota's turn keys older than a week ({@code prune_quota_turns()}): past any rerun of
   * a count, and kept from growing with traffic. Across all tenants, like the reset.
   *
   * @return how many keys were dropped
   */
  public int pruneTurnKeys() {
    return jdbc.sql("SELECT prune_quota_turns()").query(Integer.class).single();
  }

  /**
   * The earliest instant at which some clinic's next quota period begins (one per time zone in
   * use); empty when there are no clinics.
   */
  public Optional<Instant> nextPeriodStart() {
    return jdbc.sql(
            """
            SELECT min((date_trunc('month', now() AT TIME ZONE timezone) + interval '1 month')
                         AT TIME ZONE timezone) AS next_start
              FROM (SELECT DISTINCT timezone FROM tenant_config) zones
            """)
        .query((rs, n) -> Optional.ofNullable(TenantRepository.instant(rs, "next_start")))
        .single();
  }
}
