package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RetentionPropertiesTest {

  private static RetentionProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("clinicflow.retention", RetentionProperties.class);
  }

  @Test
  void unsetAndEmptySettingsMeanTheDefaults() {
    RetentionProperties empty =
        bind(
            Map.of(
                "clinicflow.retention.inbound-ledger", "",
                "clinicflow.retention.activity-log", "",
                "clinicflow.retention.batch-size", ""));

    assertThat(empty).isEqualTo(RetentionProperties.defaults()).isEqualTo(bind(Map.of()));
    assertThat(empty.inboundLedger()).isEqualTo(Duration.ofDays(7));
    assertThat(empty.outboundLedger()).isEqualTo(Duration.ofDays(62));
    assertThat(empty.activityLog()).isEqualTo(Duration.ofDays(365));
    assertThat(empty.transcripts()).isZero(); // for ever
    assertThat(empty.batchSize()).isEqualTo(5000);
  }

  @Test
  void aZeroKeepsForEverAndOtherValuesAreTaken() {
    RetentionProperties set =
        bind(
            Map.of(
                "clinicflow.retention.activity-log", "0",
                "clinicflow.retention.outbound-ledger", "90d",
                "clinicflow.retention.transcripts", "730d",
                "clinicflow.retention.max-batches-per-round", "3"));

    assertThat(set.activityLog()).isZero();
    assertThat(set.outboundLedger()).isEqualTo(Duration.ofDays(90));
    assertThat(set.transcripts()).isEqualTo(Duration.ofDays(730));
    assertThat(set.maxBatchesPerRound()).isEqualTo(3);
  }
}
