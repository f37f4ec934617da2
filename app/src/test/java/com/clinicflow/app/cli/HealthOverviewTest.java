package com.clinicflow.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code clinicflow tenants health} without a clinic, on a fake API. */
class HealthOverviewTest {

  /** A fake ClinicFlow API, emptied before each test. */
  @RegisterExtension
  static final WireMockExtension api =
      WireMockExtension.newInstance().options(options().dynamicPort()).build();

  private Map<String, String> env() {
    return Map.of("CLINICFLOW_URL", api.baseUrl(), "CLINICFLOW_ADMIN_TOKEN", "t0ken");
  }

  private void health(String tenant, String status, String problems, String state, int waiting) {
    api.stubFor(
        get(urlEqualTo("/api/tenants/" + tenant + "/health"))
            .willReturn(
                okJson(
                    """
                    {"tenant_id":"%s","is_active":true,"status":"%s","problems":[%s],
                     "last_inbound_at":"2025-11-10T11:00:00Z","last_reply_at":null,
                     "whatsapp":{"state":"%s"},"quota_exceeded":false,
                     "needs_attention":{"count":%d,"conversations":[]}}"""
                        .formatted(tenant, status, problems, state, waiting))));
  }

  @Test
  void everyActiveClinicInOneTableThoseNeedingAttentionFirst() {
    api.stubFor(
        get(urlEqualTo("/api/tenants?active=true"))
            .willReturn(
                okJson(
                    """
                    [{"tenant_id":"alfa"},{"tenant_id":"beta"},{"tenant_id":"gama"}]""")));
    health("alfa", "ok", "", "open", 0);
    health("beta", "attention", "\"whatsapp_disconnected\"", "close", 0);
    health("gama", "attention", "\"conversations_need_attention\"", "open", 2);

    var run = CliExitCodesTest.cli(env(), "tenants", "health");

    assertThat(run.exit()).as(run.err()).isZero();
    String[] lines = run.out().split("\n");
    assertThat(lines[0]).contains("TENANT", "STATUS", "PROBLEMS", "WHATSAPP", "WAITING");
    assertThat(lines[1]).startsWith("beta").contains("ATTENTION", "whatsapp_disconnected", "close");
    assertThat(lines[2]).startsWith("gama").contains("conversations_need_attention").endsWith("2");
    assertThat(lines[3]).startsWith("alfa").contains("OK");
    assertThat(run.out()).contains("3 active clinic(s), 2 needing attention");

    var json = CliExitCodesTest.cli(env(), "tenants", "health", "--json");
    assertThat(json.out()).startsWith("[").contains("\"tenant_id\" : \"beta\"");
  }

  @Test
  void noActiveClinicSaysSo() {
    api.stubFor(get(urlEqualTo("/api/tenants?active=true")).willReturn(okJson("[]")));

    var run = CliExitCodesTest.cli(env(), "tenants", "health");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("No active clinics.");
  }
}
