package com.clinicflow.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.store.TenantAttention;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionGaugesTest {

  static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<TenantAttention> clinics = new ArrayList<>();
  boolean databaseDown;

  final AttentionGauges gauges =
      new AttentionGauges(
          () -> {
            if (databaseDown) {
              throw new IllegalStateException("connection refused");
            }
            return List.copyOf(clinics);
          },
          registry,
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void eachClinicShowsHowManyWaitAndHowLongTheOldestHas() {
    clinics.add(new TenantAttention("alpha", 3, NOW.minusSeconds(900)));
    clinics.add(new TenantAttention("beta", 0, null));

    gauges.refresh();

    assertThat(waiting("alpha")).isEqualTo(3);
    assertThat(oldestWait("alpha")).isEqualTo(900);
    assertThat(waiting("beta")).isZero();
    assertThat(oldestWait("beta")).isZero();
  }

  @Test
  void aClinicThatLeftTheListDropsOutAndAFailedRefreshKeepsTheLastValues() {
    clinics.add(new TenantAttention("alpha", 1, NOW.minusSeconds(60)));
    clinics.add(new TenantAttention("gamma", 2, NOW.minusSeconds(120)));
    gauges.refresh();

    clinics.remove(1); // gamma made inactive
    gauges.refresh();
    assertThat(
            registry
                .find("clinicflow.conversations.needing.attention")
                .tag("tenant", "gamma")
                .gauge())
        .isNull();

    databaseDown = true;
    clinics.set(0, new TenantAttention("alpha", 0, null));
    gauges.refresh();
    assertThat(waiting("alpha")).isEqualTo(1);
  }

  private double waiting(String tenant) {
    return gauge("clinicflow.conversations.needing.attention", tenant).value();
  }

  private double oldestWait(String tenant) {
    return gauge("clinicflow.conversations.attention.oldest.wait", tenant).value();
  }

  private Gauge gauge(String name, String tenant) {
    Gauge gauge = registry.find(name).tag("tenant", tenant).gauge();
    assertThat(gauge).as(name + " of " + tenant).isNotNull();
    return gauge;
  }
}
