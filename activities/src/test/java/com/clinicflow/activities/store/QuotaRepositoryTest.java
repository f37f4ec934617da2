package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.quota.QuotaResetReport;
import com.clinicflow.workflows.quota.QuotaResetRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Usage for the admin API and the scheduled reset of ended quota periods. */
class QuotaRepositoryTest {

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private final QuotaRepository quotas = new QuotaRepository(jdbc);

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
  }

  private static Instant monthStart(String zone, int monthsAhead) {
    return ZonedDateTime.now(ZoneId.of(zone))
        .withDayOfMonth(1)
        .truncatedTo(ChronoUnit.DAYS)
        .plusMonths(monthsAhead)
        .toInstant();
  }

  private void set(String tenantId, String sql) {
    jdbc.sql("UPDATE tenant_config SET " + sql + " WHERE tenant_id = :id")
        .param("id", tenantId)
        .update();
  }

  private int count(String tenantId) {
    return jdbc.sql("SELECT current_message_count FROM tenant_config WHERE tenant_id = :id")
        .param("id", tenantId)
        .query(Integer.class)
        .single();
  }

  @Test
  void usageShowsCountLimitPercentAndTheClinicsOwnMonth() {
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    set("clinic-a", "monthly_message_limit = 200, current_message_count = 37");
    set("clinic-a", "timezone = 'Asia/Kathmandu'");

    TenantUsage usage = quotas.usage("clinic-a").orElseThrow();

    assertThat(usage.messageCount()).isEqualTo(37);
    assertThat(usage.messageLimit()).isEqualTo(200);
    assertThat(usage.percent()).isEqualTo(18.5);
    assertThat(usage.remaining()).isEqualTo(163);
    assertThat(usage.exceeded()).isFalse();
    assertThat(usage.timezone()).isEqualTo("Asia/Kathmandu");
    // The row was created in São Paulo time; its period is what it is until reset. The end is the
    // next 1st at midnight in Kathmandu (UTC+05:45).
    assertThat(usage.periodEnd()).isEqualTo(monthStart("Asia/Kathmandu", 1));
  }

  @Test
  void anEndedPeriodShowsAsTheNewEmptyPeriodBeforeAnyReset() {
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    set(
        "clinic-a",
        "monthly_message_limit = 10, current_message_count = 10,"
            + " quota_period_start = now() - interval '2 months'");

    TenantUsage usage = quotas.usage("clinic-a").orElseThrow();

    assertThat(usage.messageCount()).isZero();
    assertThat(usage.exceeded()).isFalse();
    assertThat(usage.periodStart()).isEqualTo(monthStart("America/Sao_Paulo", 0));
    assertThat(usage.periodEnd()).isEqualTo(monthStart("America/Sao_Paulo", 1));
  }

  @Test
  void aZeroLimitIsAHundredPercentUsed() {
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    set("clinic-a", "monthly_message_limit = 0");

    TenantUsage usage = quotas.usage("clinic-a").orElseThrow();

    assertThat(usage.percent()).isEqualTo(100.0);
    assertThat(usage.exceeded()).isTrue();
  }

  @Test
  void anUnknownTenantHasNoUsage() {
    assertThat(quotas.usage("nobody")).isEmpty();
  }

  @Test
  void theResetTouchesOnlyClinicsWhosePeriodEnded() {
    EmbeddedDatabase.insertTenant("ended", "instance-a", null);
    EmbeddedDatabase.insertTenant("current", "instance-b", null);
    set("ended", "current_message_count = 8, quota_period_start = now() - interval '40 days'");
    // (a plain SQL insert takes the column default, the UTC month, which is not the clinic's)
    set(
        "current",
        "current_message_count = 5,"
            + " quota_period_start = current_quota_period_start(timezone)");

    QuotaActivitiesImpl activities = new QuotaActivitiesImpl(quotas);
    QuotaResetReport report = activities.resetExpiredQuotas(new QuotaResetRequest("quota-reset"));

    assertThat(report.tenantsReset()).isEqualTo(1);
    assertThat(count("ended")).isZero();
    assertThat(count("current")).isEqualTo(5);
    assertThat(
            jdbc.sql("SELECT quota_period_start FROM tenant_config WHERE tenant_id = 'ended'")
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant())
        .isEqualTo(monthStart("America/Sao_Paulo", 0));
    // A second round finds nothing more to do.
    assertThat(activities.resetExpiredQuotas(new QuotaResetRequest("quota-reset")).tenantsReset())
        .isZero();
  }

  @Test
  void theResetRoundDropsTurnKeysOlderThanAWeek() {
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    TenantRepository tenants = new TenantRepository(jdbc);
    tenants.countMessage("clinic-a", "last-week");
    tenants.countMessage("clinic-a", "today");
    jdbc.sql(
            """
            UPDATE quota_turn SET counted_at = now() - interval '8 days'
             WHERE tenant_id = 'clinic-a' AND turn_key = 'last-week'
            """)
        .update();

    new QuotaActivitiesImpl(quotas).resetExpiredQuotas(new QuotaResetRequest("quota-reset"));

    assertThat(
            jdbc.sql("SELECT turn_key FROM quota_turn WHERE tenant_id = 'clinic-a'")
                .query(String.class)
                .list())
        .containsExactly("today");
    assertThat(count("clinic-a")).isEqualTo(2);
  }

  @Test
  void theNextPeriodStartIsTheEarliestAmongTheZonesInUse() {
    assertThat(quotas.nextPeriodStart()).isEmpty();

    EmbeddedDatabase.insertTenant("sao-paulo", "instance-a", null);
    EmbeddedDatabase.insertTenant("kiritimati", "instance-b", null);
    set("kiritimati", "timezone = 'Pacific/Kiritimati'");

    // UTC+14 reaches the 1st before anyone else.
    assertThat(quotas.nextPeriodStart()).contains(monthStart("Pacific/Kiritimati", 1));
    assertThat(monthStart("Pacific/Kiritimati", 1)).isBefore(monthStart("America/Sao_Paulo", 1));
  }
}
