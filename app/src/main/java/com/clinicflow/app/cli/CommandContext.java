package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every admin-API command of the CLI works with: its arguments, the terminal, the API, and the
 * house rules of {@code --json} (print the API's own answer, unchanged) and of options (only those
 * a command names, besides {@code --url} and {@code --token}).
 */
final class CommandContext {

  private static final Set<String> CONNECTION = Set.of("url", "token");

  final Arguments args;
  final Console console;
  final PrintStream out;
  private final String group;

  /**
   * @param group the command group ({@code tenants}, {@code conversations}) that usage errors name
   */
  CommandContext(Arguments args, Console console, String group) {
    this.args = args;
    this.console = console;
    this.out = console.out();
    this.group = group;
  }

  AdminApi api() {
    return AdminApi.from(args, console);
  }

  /** Refuses any option but the connection's and {@code options} (exit code 2). */
  void allow(String command, String... options) {
    allow(command, List.of(options));
  }

  void allow(String command, Iterable<String> options) {
    Set<String> allowed = new LinkedHashSet<>(CONNECTION);
    options.forEach(allowed::add);
    args.allowOnly(allowed, group + " " + command);
  }

  /** With {@code --json}, prints the API's answer and returns true. */
  boolean json(JsonNode answer) {
    if (!args.flag("json")) {
      return false;
    }
    printJson(out, answer);
    return true;
  }

  /** Who asks (kept in a workflow's history or the activity log): {@code --by}, else the user. */
  String requester() {
    String by = args.option("by");
    if (by != null) {
      return by;
    }
    String user = console.env("USER");
    return user == null ? "cli" : "cli:" + user;
  }

  /** The option's value, or {@code value} when it is not given. */
  String orDefault(String option, String value) {
    String given = args.option(option);
    return given == null ? value : given;
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

  static String yesNo(JsonNode flag) {
    return flag.asBoolean() ? "yes" : "no";
  }

  static String tenantPath(String id) {
    return "/api/tenants/" + AdminApi.segment(id);
  }
}
