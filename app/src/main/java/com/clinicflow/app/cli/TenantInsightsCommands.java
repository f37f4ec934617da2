package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code clinicflow tenants usage|health|logs}: how a clinic is doing, as the admin API's insights
 * endpoints say (quota usage, health with the conversations needing attention, activity log).
 */
final class TenantInsightsCommands {

  private final CommandContext c;

  TenantInsightsCommands(CommandContext c) {
    this.c = c;
  }

  int usage() {
    c.allow("usage");
    String id = c.args.exactly(2, "clinicflow tenants usage TENANT_ID").get(1);
    JsonNode u = c.api().get(CommandContext.tenantPath(id) + "/usage");
    if (c.json(u)) {
      return ExitCode.OK;
    }
    String zone = u.path("timezone").asText();
    List<String[]> lines = new ArrayList<>();
    lines.add(
        Table.kv(
            "tenant", u.path("tenant_id").asText() + " (" + u.path("clinic_name").asText() + ")"));
    lines.add(
        Table.kv(
            "messages",
            u.path("message_count").asInt()
                + " of "
                + u.path("message_limit").asInt()
                + " ("
                + u.path("percent").asDouble()
                + " %), "
                + u.path("remaining").asInt()
                + " left"
                + (u.path("exceeded").asBoolean() ? " - QUOTA EXCEEDED" : "")));
    lines.add(
        Table.kv(
            "period",
            Times.local(u.path("period_start"), zone)
                + " to "
                + Times.local(u.path("period_end"), zone)
                + " ("
                + zone
                + ")"));
    lines.add(Table.kv("active", CommandContext.yesNo(u.path("is_active"))));
    Table.keyValues(c.out, lines);
    return ExitCode.OK;
  }

  int health() {
    c.allow("health");
    if (c.args.positional().size() == 1) {
      return HealthOverview.print(c.api(), c.out, c.args.flag("json"));
    }
    String id = c.args.exactly(2, "clinicflow tenants health [TENANT_ID]").get(1);
    JsonNode h = c.api().get(CommandContext.tenantPath(id) + "/health");
    if (c.json(h)) {
      return ExitCode.OK;
    }
    List<String> problems = new ArrayList<>();
    h.path("problems").forEach(p -> problems.add(p.asText()));
    c.out.println(
        id
            + ": "
            + h.path("status").asText().toUpperCase()
            + (problems.isEmpty() ? "" : " (" + String.join(", ", problems) + ")"));
    JsonNode wa = h.path("whatsapp");
    JsonNode error = h.path("last_error");
    List<String[]> lines = new ArrayList<>();
    lines.add(Table.kv("active", CommandContext.yesNo(h.path("is_active"))));
    lines.add(
        Table.kv(
            "whatsapp",
            wa.path("state").asText()
                + (wa.path("status_reason").isNull() || wa.path("status_reason").isMissingNode()
                    ? ""
                    : " (reason " + wa.path("status_reason").asInt() + ")")
                + (wa.path("at").isTextual() ? " since " + Times.utc(wa.path("at")) : "")));
    lines.add(Table.kv("last inbound", Times.utc(h.path("last_inbound_at"))));
    lines.add(Table.kv("last reply", Times.utc(h.path("last_reply_at"))));
    lines.add(
        Table.kv(
            "last error",
            error.isObject()
                ? error.path("error").asText()
                    + " ("
                    + error.path("source").asText()
                    + ") at "
                    + Times.utc(error.path("at"))
                : "-"));
    lines.add(Table.kv("quota exceeded", CommandContext.yesNo(h.path("quota_exceeded"))));
    lines.add(
        Table.kv(
            "needs attention",
            h.path("needs_attention").path("count").asInt() + " conversation(s)"));
    Table.keyValues(c.out, lines);
    JsonNode waiting = h.path("needs_attention").path("conversations");
    if (waiting.size() > 0) {
      c.out.println();
      Table table = new Table("CONTACT", "SINCE", "ERROR", "WORKFLOW");
      waiting.forEach(
          c ->
              table.row(
                  c.path("contact").asText(),
                  Times.utc(c.path("since")),
                  c.path("last_error").asText(""),
                  c.path("workflow_id").asText()));
      table.print(c.out);
    }
    return ExitCode.OK;
  }

  int logs() {
    c.allow("logs", "page", "size", "type");
    String id =
        c.args
            .exactly(2, "clinicflow tenants logs TENANT_ID [--page N] [--size N] [--type EVENT]")
            .get(1);
    StringBuilder query =
        new StringBuilder("?page=").append(AdminApi.segment(c.orDefault("page", "0")));
    query.append("&size=").append(AdminApi.segment(c.orDefault("size", "20")));
    String type = c.args.option("type");
    if (type != null) {
      query.append("&event_type=").append(AdminApi.segment(type));
    }
    JsonNode page = c.api().get(CommandContext.tenantPath(id) + "/activity" + query);
    if (c.json(page)) {
      return ExitCode.OK;
    }
    Table table = new Table("WHEN", "EVENT", "DETAILS", "WORKFLOW");
    page.path("items")
        .forEach(
            line ->
                table.row(
                    Times.utc(line.path("created_at")),
                    line.path("event_type").asText(),
                    details(line.path("details")),
                    line.path("workflow_id").asText("")));
    if (table.isEmpty()) {
      c.out.println("No activity.");
    } else {
      table.print(c.out);
    }
    if (page.path("has_more").asBoolean()) {
      c.out.println(
          "(older: clinicflow tenants logs "
              + id
              + (type == null ? "" : " --type " + type)
              + " --page "
              + (page.path("page").asInt() + 1)
              + ")");
    }
    return ExitCode.OK;
  }

  private static String details(JsonNode details) {
    List<String> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = details.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      parts.add(f.getKey() + "=" + shown(f.getValue()));
    }
    return String.join(" ", parts);
  }

  /** A value as a person reads it: a list of names as {@code [a, b]}, not as JSON. */
  private static String shown(JsonNode value) {
    if (value.isValueNode()) {
      return value.asText();
    }
    if (!value.isArray()) {
      return value.toString();
    }
    List<String> items = new ArrayList<>();
    value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
    return "[" + String.join(", ", items) + "]";
  }
}
