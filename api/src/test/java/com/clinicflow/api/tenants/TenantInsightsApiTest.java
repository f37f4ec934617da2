package com.clinicflow.api.tenants;

import static com.clinicflow.api.testapp.AdminRequests.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.InMemoryTenantInsights;
import com.clinicflow.api.testapp.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ApiTest
class TenantInsightsApiTest {

  @Autowired MockMvc mvc;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired InMemoryTenantInsights insights;

  @BeforeEach
  void reset() {
    tenants.reset();
    insights.reset();
    tenants.put(Tenants.anota());
  }

  @Test
  void usageShowsCountLimitPercentAndPeriod() throws Exception {
    insights.putUsage(
        new TenantUsageReport(
            "clinica-anota",
            "Clínica clinica-anota",
            true,
            "America/Sao_Paulo",
            37,
            200,
            18.5,
            163,
            false,
            Instant.parse("2025-11-01T03:00:00Z"),
            Instant.parse("2025-12-01T03:00:00Z")));

    mvc.perform(admin(get("/api/tenants/clinica-anota/usage")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tenant_id").value("clinica-anota"))
        .andExpect(jsonPath("$.message_count").value(37))
        .andExpect(jsonPath("$.message_limit").value(200))
        .andExpect(jsonPath("$.percent").value(18.5))
        .andExpect(jsonPath("$.remaining").value(163))
        .andExpect(jsonPath("$.exceeded").value(false))
        .andExpect(jsonPath("$.period_start").value("2025-11-01T03:00:00Z"))
        .andExpect(jsonPath("$.period_end").value("2025-12-01T03:00:00Z"));
  }

  @Test
  void healthShowsTheSignalsAndWhatNeedsDoing() throws Exception {
    insights.putHealth(
        TenantHealthReport.of(
            "clinica-anota",
            true,
            Instant.parse("2025-11-10T11:00:00Z"),
            Instant.parse("2025-11-10T11:00:05Z"),
            new TenantHealthReport.LastError(
                Instant.parse("2025-11-10T10:30:00Z"), "LLM_REFUSED", "conversation"),
            new TenantHealthReport.WhatsAppConnection(
                "close", 401, Instant.parse("2025-11-10T12:00:00Z")),
            false,
            List.of(
                new TenantHealthReport.AttentionItem(
                    "5511900000001",
                    "patient:clinica-anota:5511900000001",
                    Instant.parse("2025-11-10T10:30:00Z"),
                    "LLM_REFUSED"))));

    mvc.perform(admin(get("/api/tenants/clinica-anota/health")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("attention"))
        .andExpect(jsonPath("$.problems[0]").value("whatsapp_disconnected"))
        .andExpect(jsonPath("$.problems[1]").value("conversations_need_attention"))
        .andExpect(jsonPath("$.last_inbound_at").value("2025-11-10T11:00:00Z"))
        .andExpect(jsonPath("$.last_reply_at").value("2025-11-10T11:00:05Z"))
        .andExpect(jsonPath("$.last_error.error").value("LLM_REFUSED"))
        .andExpect(jsonPath("$.whatsapp.state").value("close"))
        .andExpect(jsonPath("$.whatsapp.status_reason").value(401))
        .andExpect(jsonPath("$.needs_attention.count").value(1))
        .andExpect(
            jsonPath("$.needs_attention.conversations[0].workflow_id")
                .value("patient:clinica-anota:5511900000001"));
  }

  @Test
  void unknownTenantIs404OnUsageHealthAndActivity() throws Exception {
    for (String what : List.of("usage", "health", "activity")) {
      mvc.perform(admin(get("/api/tenants/nobody/" + what)))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.error").value("unknown_tenant"));
    }
  }

  private static List<ActivityLogLine> lines(int count) {
    List<ActivityLogLine> newestFirst = new ArrayList<>();
    for (int i = count; i >= 1; i--) {
      newestFirst.add(
          new ActivityLogLine(
              i,
              "message_received",
              Map.of("count", i),
              "patient:clinica-anota:1",
              Instant.parse("2025-11-10T00:00:00Z").plusSeconds(i)));
    }
    return newestFirst;
  }

  @Test
  void activityIsPagedNewestFirstAndSaysWhetherAnOlderPageExists() throws Exception {
    insights.putLog("clinica-anota", lines(5));

    mvc.perform(admin(get("/api/tenants/clinica-anota/activity").param("size", "2")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(2))
        .andExpect(jsonPath("$.has_more").value(true))
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].id").value(5))
        .andExpect(jsonPath("$.items[0].event_type").value("message_received"))
        .andExpect(jsonPath("$.items[0].created_at").value("2025-11-10T00:00:05Z"))
        .andExpect(jsonPath("$.items[1].id").value(4));
    mvc.perform(
            admin(get("/api/tenants/clinica-anota/activity").param("size", "2").param("page", "2")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.has_more").value(false))
        .andExpect(jsonPath("$.items.length()").value(1))
        .andExpect(jsonPath("$.items[0].id").value(1));
    assertThat(insights.activityReads.get(1)).containsExactly(3, 4);
  }

  @Test
  void activityDefaultsToFiftyLines() throws Exception {
    insights.putLog("clinica-anota", lines(60));
    mvc.perform(admin(get("/api/tenants/clinica-anota/activity")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.size").value(50))
        .andExpect(jsonPath("$.items.length()").value(50))
        .andExpect(jsonPath("$.has_more").value(true));
  }

  @Test
  void activityKeepsOnlyTheLinesOfTheKindAskedFor() throws Exception {
    List<ActivityLogLine> log = new ArrayList<>(lines(3));
    log.add(
        1,
        new ActivityLogLine(
            9,
            "configuration_changed",
            Map.of("fields", List.of("system_prompt_patient")),
            null,
            Instant.parse("2025-11-10T00:00:02.500Z")));
    insights.putLog("clinica-anota", log);

    mvc.perform(
            admin(
                get("/api/tenants/clinica-anota/activity")
                    .param("event_type", "configuration_changed")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(1))
        .andExpect(jsonPath("$.items[0].details.fields[0]").value("system_prompt_patient"))
        .andExpect(jsonPath("$.has_more").value(false));
  }

  @Test
  void activityRejectsAPageOrSizeOutOfRangeNamingIt() throws Exception {
    for (String[] bad :
        new String[][] {
          {"page", "-1"},
          {"size", "0"},
          {"size", "501"},
          {"page", "first"},
          {"size", "many"},
          {"event_type", "Config Changed"},
          {"event_type", "x'; --"}
        }) {
      mvc.perform(admin(get("/api/tenants/clinica-anota/activity").param(bad[0], bad[1])))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.error").value("invalid_field"))
          .andExpect(jsonPath("$.message").value(containsString(bad[0])));
    }
  }
}
