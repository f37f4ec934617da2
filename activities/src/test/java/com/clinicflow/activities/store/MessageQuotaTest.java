package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.tenant.QuotaUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code increment_message_count} (with and without a turn key) and {@code reset_message_quota},
 * through the repository.
 */
class MessageQuotaTest {

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private final TenantRepository tenants = new TenantRepository(jdbc);

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
  }

  @Test
  void exactlyTheLimitIsAcceptedWhenFiftyMessagesArriveAtOnce() throws Exception {
    setLimit(10);
    int callers = 50;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<QuotaUsage>> results = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  // The embedded data source opens a new connection per call: 50 real sessions.
                  ready.countDown();
                  go.await();
                  return tenants.countMessage("clinic-a").orElseThrow();
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      int accepted = 0;
      for (Future<QuotaUsage> result : results) {
        QuotaUsage usage = result.get(60, TimeUnit.SECONDS);
        assertThat(usage.limit()).isEqualTo(10);
        if (usage.accepted()) {
          accepted++;
          assertThat(usage.count()).isBetween(1, 10);
        } else {
          assertThat(usage.count()).isEqualTo(10);
        }
      }
      assertThat(accepted).isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
    assertThat(storedCount()).isEqualTo(10);
  }

  @Test
  void aPeriodThatEndedIsRolledOverByTheNextMessage() {
    setLimit(10);
    jdbc.sql(
            """
            UPDATE tenant_config
               SET current_message_count = 10, quota_period_start = now() - interval '2 months'
             WHERE tenant_id = 'clinic-a'
            """)
        .update();

    QuotaUsage usage = tenants.countMessage("clinic-a").orElseThrow();

    assertThat(usage.accepted()).isTrue();
    assertThat(usage.count()).isEqualTo(1);
    assertThat(usage.periodStart()).isEqualTo(currentPeriodStart());
    assertThat(storedCount()).isEqualTo(1);
  }

  @Test
  void aFullQuotaRefusesUntilItIsReset() {
    setLimit(2);
    assertThat(tenants.countMessage("clinic-a").orElseThrow().accepted()).isTrue();
    assertThat(tenants.countMessage("clinic-a").orElseThrow().accepted()).isTrue();
    QuotaUsage refused = tenants.countMessage("clinic-a").orElseThrow();
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.count()).isEqualTo(2);

    assertThat(tenants.resetQuota("clinic-a")).isTrue();

    QuotaUsage afterReset = tenants.countMessage("clinic-a").orElseThrow();
    assertThat(afterReset.accepted()).isTrue();
    assertThat(afterReset.count()).isEqualTo(1);
    assertThat(afterReset.periodStart()).isEqualTo(currentPeriodStart());
  }

  /** A reset by hand is an operator's decision: logged with what it cleared. */
  @Test
  void aResetByHandIsLoggedWithTheCountItCleared() {
    tenants.countMessage("clinic-a");
    tenants.countMessage("clinic-a");

    assertThat(tenants.resetQuota("clinic-a")).isTrue();

    assertThat(
            EmbeddedDatabase.jdbc()
                .sql(
                    "SELECT details ->> 'count_before' FROM tenant_activity_log"
                        + " WHERE tenant_id = 'clinic-a' AND event_type = 'quota_reset'")
                .query(String.class)
                .list())
        .containsExactly("2");
    assertThat(storedCount()).isZero();
    assertThat(tenants.resetQuota("nobody")).isFalse();
  }

  @Test
  void aLimitOfZeroAcceptsNothing() {
    setLimit(0);

    QuotaUsage usage = tenants.countMessage("clinic-a").orElseThrow();

    assertThat(usage.accepted()).isFalse();
    assertThat(usage.count()).isZero();
    assertThat(usage.limit()).isZero();
    assertThat(storedCount()).isZero();
  }

  @Test
  void anUnknownTenantIsNeitherCountedNorReset() {
    assertThat(tenants.countMessage("nobody")).isEmpty();
    assertThat(tenants.resetQuota("nobody")).isFalse();
  }

  @Test
  void aTurnKeyIsCountedOnceAndARepeatGetsTheFirstAnswer() {
    QuotaUsage first = tenants.countMessage("clinic-a", "turn-1").orElseThrow();
    QuotaUsage repeat = tenants.countMessage("clinic-a", "turn-1").orElseThrow();

    assertThat(repeat).isEqualTo(first);
    assertThat(first.accepted()).isTrue();
    assertThat(first.count()).isEqualTo(1);
    assertThat(storedCount()).isEqualTo(1);
  }

  /** A turn accepted at the last free place is not refused on its rerun, nor the reverse. */
  @Test
  void aRepeatKeepsItsFirstAcceptanceWhateverTheQuotaSaysNow() {
    setLimit(2);
    tenants.countMessage("clinic-a", "turn-1");
    QuotaUsage last = tenants.countMessage("clinic-a", "turn-2").orElseThrow();
    QuotaUsage refused = tenants.countMessage("clinic-a", "turn-3").orElseThrow();
    assertThat(last.accepted()).isTrue();
    assertThat(last.count()).isEqualTo(2);
    assertThat(refused.accepted()).isFalse();

    assertThat(tenants.countMessage("clinic-a", "turn-2")).contains(last);
    assertThat(tenants.resetQuota("clinic-a")).isTrue();
    assertThat(tenants.countMessage("clinic-a", "turn-3")).contains(refused);
    assertThat(storedCount()).isZero();
  }

  @Test
  void concurrentRepeatsOfFiveTurnsCountEachTurnOnceWithinTheLimit() throws Exception {
    setLimit(3);
    int callers = 50;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch go = new CountDownLatch(1);
    Map<String, List<Future<QuotaUsage>>> byTurn = new TreeMap<>();
    try {
      for (int i = 0; i < callers; i++) {
        String turnKey = "turn-" + (i % 5);
        byTurn
            .computeIfAbsent(turnKey, k -> new ArrayList<>())
            .add(
                pool.submit(
                    () -> {
                      ready.countDown();
                      go.await();
                      return tenants.countMessage("clinic-a", turnKey).orElseThrow();
                    }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      int acceptedTurns = 0;
      for (List<Future<QuotaUsage>> repeats : byTurn.values()) {
        QuotaUsage first = repeats.get(0).get(60, TimeUnit.SECONDS);
        for (Future<QuotaUsage> repeat : repeats) {
          assertThat(repeat.get(60, TimeUnit.SECONDS)).isEqualTo(first);
        }
        acceptedTurns += first.accepted() ? 1 : 0;
      }
      assertThat(acceptedTurns).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
    assertThat(storedCount()).isEqualTo(3);
  }

  @Test
  void turnKeysAreKeptPerTenant() {
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);

    assertThat(tenants.countMessage("clinic-a", "turn-1").orElseThrow().count()).isEqualTo(1);
    assertThat(tenants.countMessage("clinic-b", "turn-1").orElseThrow().count()).isEqualTo(1);
    assertThat(tenants.countMessage("clinic-a", "turn-2").orElseThrow().count()).isEqualTo(2);
  }

  @Test
  void anUnknownTenantWithATurnKeyIsNotCountedAndKeepsNoKey() {
    assertThat(tenants.countMessage("nobody", "turn-1")).isEmpty();
    assertThat(jdbc.sql("SELECT count(*) FROM quota_turn").query(Integer.class).single()).isZero();
  }

  private void setLimit(int limit) {
    jdbc.sql("UPDATE tenant_config SET monthly_message_limit = :limit WHERE tenant_id = 'clinic-a'")
        .param("limit", limit)
        .update();
  }

  private int storedCount() {
    return jdbc.sql("SELECT current_message_count FROM tenant_config WHERE tenant_id = 'clinic-a'")
        .query(Integer.class)
        .single();
  }

  private Instant currentPeriodStart() {
    return jdbc.sql("SELECT current_quota_period_start('America/Sao_Paulo')")
        .query(java.time.OffsetDateTime.class)
        .single()
        .toInstant();
  }
}
