package com.clinicflow.activities.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the hourly pruning did, for an operator's dashboard: rows deleted by table ({@code
 * clinicflow.housekeeping.deleted.rows}), rounds by outcome ({@code
 * clinicflow.housekeeping.rounds}: {@code done}, {@code backlog} when a table had more than a round
 * takes, {@code failed}), and when a round last finished ({@code
 * clinicflow.housekeeping.last.round.timestamp}, epoch seconds), so that an alert can say the
 * pruning stopped before the disk says it.
 */
class HousekeepingMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final AtomicLong lastRound = new AtomicLong();

  /**
   * @param meterRegistry where the meters are registered; null = not exported
   */
  HousekeepingMetrics(MeterRegistry meterRegistry, Clock clock) {
    this.registry = meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry;
    this.clock = clock;
    Gauge.builder("clinicflow.housekeeping.last.round.timestamp", lastRound, AtomicLong::get)
        .description("When this process last finished a pruning round (epoch seconds)")
        .baseUnit("seconds")
        .register(registry);
  }

  void deleted(String table, int rows) {
    if (rows > 0) {
      Counter.builder("clinicflow.housekeeping.deleted.rows")
          .description("Rows the hourly pruning deleted")
          .tag("table", table)
          .register(registry)
          .increment(rows);
    }
  }

  /** A round that returned: {@code backlog} when some table had more left. */
  void finished(boolean backlog) {
    round(backlog ? "backlog" : "done");
    lastRound.set(clock.instant().getEpochSecond());
  }

  void failed() {
    round("failed");
  }

  private void round(String outcome) {
    Counter.builder("clinicflow.housekeeping.rounds")
        .description("Pruning rounds by how they ended")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
