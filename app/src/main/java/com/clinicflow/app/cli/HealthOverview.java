package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code clinicflow tenants health} without a clinic: every active clinic's health in one table,
 * those needing attention first, so that an operator woken at night sees at once which clinics to
 * look at ({@code tenants health TENANT_ID} then says why). One call per clinic, as the single
 * clinic's command makes.
 */
final class HealthOverview {

  private HealthOverview() {}

  static int print(AdminApi api, PrintStream out, boolean json) {
    List<JsonNode> reports = new ArrayList<>();
    for (JsonNode tenant : api.get("/api/tenants?active=true")) {
      reports.add(
          api.get(CommandContext.tenantPath(tenant.path("tenant_id").asText()) + "/health"));
    }
    reports.sort(
        Comparator.comparing((JsonNode h) -> "ok".equals(h.path("status").asText()))
            .thenComparing(h -> h.path("tenant_id").asText()));
    if (json) {
      ArrayNode all = JsonHttp.JSON.createArrayNode();
      reports.forEach(all::add);
      CommandContext.printJson(out, all);
      return ExitCode.OK;
    }
    if (reports.isEmpty()) {
      out.println("No active clinics.");
      return ExitCode.OK;
    }
    Table table =
        new Table(
            "TENANT", "STATUS", "PROBLEMS", "WHATSAPP", "LAST INBOUND", "LAST REPLY", "WAITING");
    long attention = 0;
    for (JsonNode h : reports) {
      List<String> problems = new ArrayList<>();
      h.path("problems").forEach(p -> problems.add(p.asText()));
      attention += "ok".equals(h.path("status").asText()) ? 0 : 1;
      table.row(
          h.path("tenant_id").asText(),
          h.path("status").asText().toUpperCase(),
          problems.isEmpty() ? "-" : String.join(", ", problems),
          h.path("whatsapp").path("state").asText("-"),
          Times.utc(h.path("last_inbound_at")),
          Times.utc(h.path("last_reply_at")),
          String.valueOf(h.path("needs_attention").path("count").asInt()));
    }
    table.print(out);
    out.println(
        reports.size()
            + " active clinic(s), "
            + attention
            + " needing attention (clinicflow tenants health TENANT_ID says why)");
    return ExitCode.OK;
  }
}
