package com.clinicflow.api.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantHealthReportTest {

  private static final Instant AT = Instant.parse("2025-11-10T12:00:00Z");

  private static TenantHealthReport.WhatsAppConnection state(String state) {
    return new TenantHealthReport.WhatsAppConnection(state, 200, AT);
  }

  private static final List<TenantHealthReport.AttentionItem> NONE = List.of();

  @Test
  void anActiveConnectedClinicWithNothingPendingIsOk() {
    TenantHealthReport report =
        TenantHealthReport.of("a", true, AT, AT, null, state("open"), false, NONE);
    assertThat(report.status()).isEqualTo("ok");
    assertThat(report.problems()).isEmpty();
    assertThat(report.needsAttention().count()).isZero();
  }

  @Test
  void aClosedOrRefusedConnectionNeedsAttention() {
    for (String closed : List.of("close", "refused")) {
      TenantHealthReport report =
          TenantHealthReport.of("a", true, AT, AT, null, state(closed), false, NONE);
      assertThat(report.status()).isEqualTo("attention");
      assertThat(report.problems()).containsExactly("whatsapp_disconnected");
    }
    assertThat(
            TenantHealthReport.of("a", true, AT, AT, null, state("connecting"), false, NONE)
                .status())
        .isEqualTo("ok");
  }

  @Test
  void aConnectionNeverReportedIsUnknownNotAProblem() {
    TenantHealthReport report =
        TenantHealthReport.of("a", true, null, null, null, null, false, NONE);
    assertThat(report.whatsapp().state()).isEqualTo("unknown");
    assertThat(report.status()).isEqualTo("ok");
  }

  @Test
  void anExceededQuotaAndWaitingConversationsAreProblems() {
    TenantHealthReport report =
        TenantHealthReport.of(
            "a",
            true,
            AT,
            AT,
            null,
            state("open"),
            true,
            List.of(new TenantHealthReport.AttentionItem("55", "patient:a:55", AT, "X")));
    assertThat(report.problems()).containsExactly("conversations_need_attention", "quota_exceeded");
    assertThat(report.needsAttention().count()).isEqualTo(1);
  }

  @Test
  void anInactiveClinicIsInactiveWhateverElse() {
    TenantHealthReport report =
        TenantHealthReport.of("a", false, AT, AT, null, state("close"), true, NONE);
    assertThat(report.status()).isEqualTo("inactive");
    assertThat(report.problems()).contains("whatsapp_disconnected");
  }
}
