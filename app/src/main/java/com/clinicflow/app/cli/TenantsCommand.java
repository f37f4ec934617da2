package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code clinicflow tenants …}: the admin API from a terminal. Tables for people, {@code --json}
 * for scripts (the API's own JSON, unchanged).
 */
final class TenantsCommand {

  static final Set<String> FLAGS = Set.of("json", "help", "no-qr", "invert-qr");
  private static final Set<String> CONNECTION = Set.of("url", "token");

  private final Arguments args;
  private final Console console;
  private final PrintStream out;

  private TenantsCommand(Arguments args, Console console) {
    this.args = args;
    this.console = console;
    this.out = console.out();
  }

  /** Runs {@code tenants <command> …}; {@code words} start after "tenants". */
  static int run(List<String> words, Console console) {
    Arguments args = Arguments.parse(words, FLAGS);
    if (args.flag("help")) {
      console.out().print(Help.TEXT);
      return ExitCode.OK;
    }
    if (args.positional().isEmpty()) {
      throw CliException.usage("usage: clinicflow tenants <command> … (see clinicflow help)");
    }
    return new TenantsCommand(args, console).dispatch(args.positional().get(0));
  }

  private int dispatch(String command) {
    switch (command) {
      case "list":
        return list();
      case "show":
        return show();
      case "add":
        return add();
      case "update":
        return update();
      case "activate":
      case "deactivate":
      case "reset-quota":
        return action(command);
      case "usage":
        return usage();
      case "health":
        return health();
      case "logs":
        return logs();
      case "secrets":
        return secrets();
      case "set-secret":
        return setSecret();
      case "delete-secret":
        return deleteSecret();
      case "onboard":
        return new OnboardCommand(args, console).run();
      default:
        throw CliException.usage("unknown command 'tenants " + command + "' (see clinicflow help)");
    }
  }

  // ---- commands ----------------------------------------------------------------------------

  private int list() {
    allow("list", "active", "search");
    args.exactly(1, "clinicflow tenants list [--active true|false] [--search TEXT]");
    StringBuilder query = new StringBuilder();
    String active = args.option("active");
    if (active != null) {
      query.append("active=").append(AdminApi.segment(active));
    }
    String search = args.option("search");
    if (search != null) {
      query
          .append(query.length() > 0 ? "&" : "")
          .append("search=")
          .append(AdminApi.segment(search));
    }
    JsonNode tenants = api().get("/api/tenants" + (query.length() > 0 ? "?" + query : ""));
    if (json(tenants)) {
      return ExitCode.OK;
    }
    Table table = new Table("TENANT", "CLINIC", "INSTANCE", "ACTIVE", "MESSAGES", "TIMEZONE");
    for (JsonNode t : tenants) {
      table.row(
          t.path("tenant_id").asText(),
          t.path("clinic_name").asText(),
          t.path("evolution_instance_name").asText(),
          yesNo(t.path("is_active")),
          t.path("current_message_count").asInt() + "/" + t.path("monthly_message_limit").asInt(),
          t.path("timezone").asText());
    }
    if (table.isEmpty()) {
      out.println("No tenants.");
    } else {
      table.print(out);
    }
    return ExitCode.OK;
  }

  private int show() {
    allow("show");
    String id = args.exactly(2, "clinicflow tenants show TENANT_ID").get(1);
    JsonNode tenant = api().get(tenantPath(id));
    if (!json(tenant)) {
      printTenant(tenant);
    }
    return ExitCode.OK;
  }

  private int add() {
    allowTenantFields("add");
    args.exactly(1, "clinicflow tenants add [--file FILE] [--FIELD VALUE …]");
    ObjectNode body = TenantFields.body(args, console);
    if (body.isEmpty()) {
      throw CliException.usage("add needs a tenant: --file FILE and/or --FIELD VALUE options");
    }
    JsonNode created = api().call("POST", "/api/tenants", body);
    if (!json(created)) {
      out.println(
          "Created tenant "
              + created.path("tenant_id").asText()
              + " (WhatsApp instance "
              + created.path("evolution_instance_name").asText()
              + ", "
              + (created.path("is_active").asBoolean() ? "active" : "inactive")
              + ").");
    }
    return ExitCode.OK;
  }

  private int update() {
    allowTenantFields("update");
    String id = args.exactly(2, "clinicflow tenants update TENANT_ID [--FIELD VALUE …]").get(1);
    ObjectNode body = TenantFields.body(args, console);
    if (body.isEmpty()) {
      throw CliException.usage("update needs at least one --FIELD VALUE (or --file FILE)");
    }
    JsonNode updated = api().call("PATCH", tenantPath(id), body);
    if (!json(updated)) {
      List<String> fields = new ArrayList<>();
      body.fieldNames().forEachRemaining(fields::add);
      out.println("Updated tenant " + id + ": " + String.join(", ", fields) + ".");
    }
    return ExitCode.OK;
  }

  private int action(String command) {
    allow(command);
    String id = args.exactly(2, "clinicflow tenants " + command + " TENANT_ID").get(1);
    JsonNode tenant = api().call("POST", tenantPath(id) + "/" + command, null);
    if (json(tenant)) {
      return ExitCode.OK;
    }
    switch (command) {
      case "activate" -> out.println("Tenant " + id + " is active: its messages are answered.");
      case "deactivate" ->
          out.println("Tenant " + id + " is inactive: its messages are no longer answered.");
      default ->
          out.println(
              "Quota of "
                  + id
                  + " reset: "
                  + tenant.path("current_message_count").asInt()
                  + "/"
                  + tenant.path("monthly_message_limit").asInt()
                  + " messages.");
    }
    return ExitCode.OK;
  }

  private int usage() {
    allow("usage");
    String id = args.exactly(2, "clinicflow tenants usage TENANT_ID").get(1);
    JsonNode u = api().get(tenantPath(id) + "/usage");
    if (json(u)) {
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
    lines.add(Table.kv("active", yesNo(u.path("is_active"))));
    Table.keyValues(out, lines);
    return ExitCode.OK;
  }

  private int health() {
    allow("health");
    if (args.positional().size() == 1) {
      return HealthOverview.print(api(), out, args.flag("json"));
    }
    String id = args.exactly(2, "clinicflow tenants health [TENANT_ID]").get(1);
    JsonNode h = api().get(tenantPath(id) + "/health");
    if (json(h)) {
      return ExitCode.OK;
    }
    List<String> problems = new ArrayList<>();
    h.path("problems").forEach(p -> problems.add(p.asText()));
    out.println(
        id
            + ": "
            + h.path("status").asText().toUpperCase()
            + (problems.isEmpty() ? "" : " (" + String.join(", ", problems) + ")"));
    JsonNode wa = h.path("whatsapp");
    JsonNode error = h.path("last_error");
    List<String[]> lines = new ArrayList<>();
    lines.add(Table.kv("active", yesNo(h.path("is_active"))));
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
    lines.add(Table.kv("quota exceeded", yesNo(h.path("quota_exceeded"))));
    lines.add(
        Table.kv(
            "needs attention",
            h.path("needs_attention").path("count").asInt() + " conversation(s)"));
    Table.keyValues(out, lines);
    JsonNode waiting = h.path("needs_attention").path("conversations");
    if (waiting.size() > 0) {
      out.println();
      Table table = new Table("CONTACT", "SINCE", "ERROR", "WORKFLOW");
      waiting.forEach(
          c ->
              table.row(
                  c.path("contact").asText(),
                  Times.utc(c.path("since")),
                  c.path("last_error").asText(""),
                  c.path("workflow_id").asText()));
      table.print(out);
    }
    return ExitCode.OK;
  }

  private int logs() {
    allow("logs", "page", "size");
    String id = args.exactly(2, "clinicflow tenants logs TENANT_ID [--page N] [--size N]").get(1);
    StringBuilder query =
        new StringBuilder("?page=").append(AdminApi.segment(orDefault("page", "0")));
    query.append("&size=").append(AdminApi.segment(orDefault("size", "20")));
    JsonNode page = api().get(tenantPath(id) + "/activity" + query);
    if (json(page)) {
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
      out.println("No activity.");
    } else {
      table.print(out);
    }
    if (page.path("has_more").asBoolean()) {
      out.println(
          "(older: clinicflow tenants logs "
              + id
              + " --page "
              + (page.path("page").asInt() + 1)
              + ")");
    }
    return ExitCode.OK;
  }

  private int secrets() {
    allow("secrets");
    String id = args.exactly(2, "clinicflow tenants secrets TENANT_ID").get(1);
    JsonNode names = api().get(tenantPath(id) + "/secrets");
    if (json(names)) {
      return ExitCode.OK;
    }
    if (!names.path("secrets_enabled").asBoolean()) {
      out.println("(secrets are disabled on the server: no master key configured)");
    }
    if (names.path("names").isEmpty()) {
      out.println("No secrets.");
    }
    names.path("names").forEach(n -> out.println(n.asText()));
    return ExitCode.OK;
  }

  /** The value comes from standard input, so it is in no shell history and no process list. */
  private int setSecret() {
    allow("set-secret");
    List<String> words =
        args.exactly(3, "clinicflow tenants set-secret TENANT_ID NAME  (value on standard input)");
    String value = TenantFields.readStdin(console.in());
    if (value.endsWith("\n")) {
      value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
    }
    ObjectNode body = JsonHttp.JSON.createObjectNode().put("value", value);
    api()
        .call("PUT", tenantPath(words.get(1)) + "/secrets/" + AdminApi.segment(words.get(2)), body);
    if (!args.flag("json")) {
      out.println("Secret " + words.get(2) + " of " + words.get(1) + " stored (encrypted).");
    }
    return ExitCode.OK;
  }

  private int deleteSecret() {
    allow("delete-secret");
    List<String> words = args.exactly(3, "clinicflow tenants delete-secret TENANT_ID NAME");
    api()
        .call(
            "DELETE",
            tenantPath(words.get(1)) + "/secrets/" + AdminApi.segment(words.get(2)),
            null);
    if (!args.flag("json")) {
      out.println("Secret " + words.get(2) + " of " + words.get(1) + " deleted.");
    }
    return ExitCode.OK;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private AdminApi api() {
    return AdminApi.from(args, console);
  }

  static String tenantPath(String id) {
    return "/api/tenants/" + AdminApi.segment(id);
  }

  private void allow(String command, String... options) {
    Set<String> allowed = new LinkedHashSet<>(CONNECTION);
    allowed.addAll(List.of(options));
    args.allowOnly(allowed, "tenants " + command);
  }

  private void allowTenantFields(String command) {
    Set<String> allowed = new LinkedHashSet<>(CONNECTION);
    allowed.addAll(TenantFields.optionNames());
    args.allowOnly(allowed, "tenants " + command);
  }

  private String orDefault(String option, String value) {
    String given = args.option(option);
    return given == null ? value : given;
  }

  /** With {@code --json}, prints the API's answer and returns true. */
  private boolean json(JsonNode answer) {
    if (!args.flag("json")) {
      return false;
    }
    printJson(out, answer);
    return true;
  }

  static void printJson(PrintStream out, JsonNode node) {
    try {
      out.println(
          node == null
              ? "null"
              : JsonHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void printTenant(JsonNode t) {
    List<String[]> lines = new ArrayList<>();
    String zone = t.path("timezone").asText();
    for (Map.Entry<String, TenantFields.Type> field : TenantFields.FIELDS.entrySet()) {
      JsonNode value = t.path(field.getKey());
      String shown;
      if (field.getKey().equals("business_hours")) {
        shown = hours(value);
      } else if (value.isNull() || value.isMissingNode()) {
        shown = "-";
      } else if (value.isContainerNode()) {
        shown = value.toString();
      } else if (value.isBoolean()) {
        shown = yesNo(value);
      } else {
        shown = value.asText();
      }
      lines.add(Table.kv(field.getKey(), shown));
    }
    lines.add(
        Table.kv(
            "usage",
            t.path("current_message_count").asInt()
                + " of "
                + t.path("monthly_message_limit").asInt()
                + " since "
                + Times.local(t.path("quota_period_start"), zone)));
    lines.add(Table.kv("created_at", Times.utc(t.path("created_at"))));
    lines.add(Table.kv("updated_at", Times.utc(t.path("updated_at"))));
    Table.keyValues(out, lines);
  }

  private static String hours(JsonNode hours) {
    if (!hours.isObject() || hours.isEmpty()) {
      return "closed every day";
    }
    List<String> days = new ArrayList<>();
    for (String day : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
      JsonNode d = hours.path(day);
      if (d.isObject()) {
        days.add(day + " " + d.path("open").asText() + "-" + d.path("close").asText());
      }
    }
    return String.join(", ", days);
  }

  private static String details(JsonNode details) {
    List<String> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = details.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      parts.add(
          f.getKey() + "=" + (f.getValue().isValueNode() ? f.getValue().asText() : f.getValue()));
    }
    return String.join(" ", parts);
  }

  private static String yesNo(JsonNode flag) {
    return flag.asBoolean() ? "yes" : "no";
  }
}
