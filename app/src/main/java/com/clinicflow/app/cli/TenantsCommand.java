package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code clinicflow tenants …}: the admin API from a terminal. Tables for people, {@code --json}
 * for scripts (the API's own JSON, unchanged).
 */
final class TenantsCommand {

  static final Set<String> FLAGS = Set.of("json", "help", "no-qr", "invert-qr");
  private final CommandContext context;
  private final Arguments args;
  private final Console console;
  private final PrintStream out;

  private TenantsCommand(Arguments args, Console console) {
    this.context = new CommandContext(args, console, "tenants");
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
        return new TenantInsightsCommands(context).usage();
      case "health":
        return new TenantInsightsCommands(context).health();
      case "logs":
        return new TenantInsightsCommands(context).logs();
      case "secrets":
        return new TenantSecretsCommands(context).secrets();
      case "set-secret":
        return new TenantSecretsCommands(context).setSecret();
      case "delete-secret":
        return new TenantSecretsCommands(context).deleteSecret();
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
          CommandContext.yesNo(t.path("is_active")),
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
    JsonNode tenant = api().get(CommandContext.tenantPath(id));
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
    List<String> options = new ArrayList<>(TenantFields.optionNames());
    options.add("clear");
    context.allow("update", options);
    String id =
        args.exactly(2, "clinicflow tenants update TENANT_ID [--FIELD VALUE …] [--clear FIELD,…]")
            .get(1);
    ObjectNode body = TenantFields.body(args, console);
    String clear = args.option("clear");
    if (body.isEmpty() && clear == null) {
      throw CliException.usage(
          "update needs at least one --FIELD VALUE (or --file FILE, or --clear FIELD)");
    }
    String path =
        CommandContext.tenantPath(id) + (clear == null ? "" : "?clear=" + AdminApi.segment(clear));
    JsonNode updated = api().call("PATCH", path, body);
    if (!json(updated)) {
      List<String> fields = new ArrayList<>();
      body.fieldNames().forEachRemaining(fields::add);
      if (clear != null) {
        fields.add("cleared " + clear);
      }
      out.println("Updated tenant " + id + ": " + String.join(", ", fields) + ".");
    }
    return ExitCode.OK;
  }

  private int action(String command) {
    allow(command);
    String id = args.exactly(2, "clinicflow tenants " + command + " TENANT_ID").get(1);
    JsonNode tenant = api().call("POST", CommandContext.tenantPath(id) + "/" + command, null);
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

  // ---- helpers -----------------------------------------------------------------------------

  private AdminApi api() {
    return context.api();
  }

  private void allow(String command, String... options) {
    context.allow(command, options);
  }

  private void allowTenantFields(String command) {
    context.allow(command, TenantFields.optionNames());
  }

  private boolean json(JsonNode answer) {
    return context.json(answer);
  }

  void printTenant(JsonNode t) {
    List<String[]> lines = new ArrayList<>();
    String zone = t.path("timezone").asText();
    for (Map.Entry<String, TenantFields.Type> field : TenantFields.FIELDS.entrySet()) {
      JsonNode value = t.path(field.getKey());
      String shown;
      if (field.getKey().equals("business_hours")) {
        shown = hours(value);
      } else if (field.getKey().equals("transcript_retention_days")) {
        shown = retention(value);
      } else if (value.isNull() || value.isMissingNode()) {
        shown = "-";
      } else if (value.isContainerNode()) {
        shown = value.toString();
      } else if (value.isBoolean()) {
        shown = CommandContext.yesNo(value);
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

  /** How long the clinic keeps its patients' transcripts, in words. */
  private static String retention(JsonNode days) {
    if (!days.isNumber()) {
      return "the deployment's (clinicflow.retention.transcripts)";
    }
    return days.asInt() == 0 ? "for ever" : days.asInt() + " days";
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
}
