package com.clinicflow.app.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One {@link MultiGauge} row per clinic, tagged {@code tenant}: the shape of every clinic gauge.
 */
final class TenantGaugeRows {

  private TenantGaugeRows() {}

  static <T> List<MultiGauge.Row<?>> of(
      List<T> clinics, Function<T, String> tenantId, ToDoubleFunction<T> value) {
    return clinics.stream()
        .<MultiGauge.Row<?>>map(
            c -> MultiGauge.Row.of(Tags.of("tenant", tenantId.apply(c)), value.applyAsDouble(c)))
        .toList();
  }
}
