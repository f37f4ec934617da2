package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code clinicflow conversations list|attention|retry-all}: the lists of conversations (a
 * clinic's, those waiting for an operator) and the retry of every waiting one at once.
 */
final class ConversationListCommands {

  private final CommandContext cli;

  ConversationListCommands(CommandContext cli) {
    this.cli = cli;
  }

  int list() {
    cli.allow("list", "status", "limit");
    List<String> words =
        cli.args.exactly(
            2, "clinicflow conversations list TENANT_ID [--status STATUS] [--limit N]");
    List<String> query = new ArrayList<>();
    query.add("tenant_id=" + AdminApi.segment(words.get(1)));
    if (cli.args.option("status") != null) {
      query.add("status=" + AdminApi.segment(cli.args.option("status")));
    }
    if (cli.args.option("limit") != null) {
      query.add("limit=" + AdminApi.segment(cli.args.option("limit")));
    }
    JsonNode list = cli.api().get("/api/conversations?" + String.join("&", query));
    if (cli.json(list)) {
      return ExitCode.OK;
    }
    Table table = new Table("CONTACT", "NAME", "STATUS", "LAST INBOUND", "LAST REPLY", "NOTE");
    for (JsonNode c : list.path("conversations")) {
      table.row(
          c.path("contact").asText(),
          c.path("display_name").asText("-"),
          c.path("status").asText(),
          Times.utc(c.path("last_inbound_at")),
          Times.utc(c.path("last_reply_at")),
          note(c));
    }
    if (table.isEmpty()) {
      cli.out.println(
          "No conversation" + (cli.args.option("status") == null ? "." : " in that status."));
    } else {
      table.print(cli.out);
    }
    return ExitCode.OK;
  }

  /** What the status needs beside it: until when staff paused, or what failed. */
  private static String note(JsonNode conversation) {
    return switch (conversation.path("status").asText()) {
      case "PAUSED" -> "paused until " + Times.utc(conversation.path("paused_until"));
      case "NEEDS_ATTENTION" -> conversation.path("last_error").asText("");
      default -> "";
    };
  }

  int attention() {
    cli.allow("attention", "tenant", "tenant-id", "limit");
    cli.args.exactly(1, "clinicflow conversations attention [--tenant TENANT_ID] [--limit N]");
    String tenant =
        cli.args.option("tenant") != null
            ? cli.args.option("tenant")
            : cli.args.option("tenant-id");
    List<String> query = new ArrayList<>();
    if (tenant != null) {
      query.add("tenant_id=" + AdminApi.segment(tenant));
    }
    if (cli.args.option("limit") != null) {
      query.add("limit=" + AdminApi.segment(cli.args.option("limit")));
    }
    JsonNode list =
        cli.api()
            .get(
                "/api/conversations/attention"
                    + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    if (cli.json(list)) {
      return ExitCode.OK;
    }
    Table table = new Table("TENANT", "CONTACT", "SINCE", "ERROR", "WORKFLOW");
    for (JsonNode c : list.path("conversations")) {
      table.row(
          c.path("tenant_id").asText(),
          c.path("contact").asText(),
          Times.utc(c.path("needs_attention_since")),
          c.path("last_error").asText(""),
          c.path("workflow_id").asText());
    }
    if (table.isEmpty()) {
      cli.out.println("No conversation needs attention.");
    } else {
      table.print(cli.out);
      cli.out.println(
          "(fix the cause, then: clinicflow conversations retry TENANT_ID CONTACT, or all at once:"
              + " clinicflow conversations retry-all [--error TYPE]; when no retry can help:"
              + " clinicflow conversations skip TENANT_ID CONTACT)");
    }
    return ExitCode.OK;
  }

  /** Retries the waiting conversations (a clinic's, of one failure type) in one call. */
  int retryAll() {
    cli.allow("retry-all", "tenant", "tenant-id", "error", "limit", "by");
    cli.args.exactly(
        1,
        "clinicflow conversations retry-all [--tenant TENANT_ID] [--error TYPE] [--limit N]"
            + " [--by NAME]");
    ObjectNode body = JsonHttp.JSON.createObjectNode().put("requested_by", cli.requester());
    String tenant =
        cli.args.option("tenant") != null
            ? cli.args.option("tenant")
            : cli.args.option("tenant-id");
    if (tenant != null) {
      body.put("tenant_id", tenant);
    }
    if (cli.args.option("error") != null) {
      body.put("last_error", cli.args.option("error"));
    }
    if (cli.args.option("limit") != null) {
      try {
        body.put("limit", Integer.parseInt(cli.args.option("limit").trim()));
      } catch (NumberFormatException e) {
        throw CliException.usage("--limit must be a whole number, e.g. --limit 50");
      }
    }
    JsonNode answer = cli.api().call("POST", "/api/conversations/attention/retry", body);
    if (cli.json(answer)) {
      return ExitCode.OK;
    }
    Table table = new Table("TENANT", "CONTACT", "ERROR", "RETRY");
    for (JsonNode c : answer.path("conversations")) {
      table.row(
          c.path("tenant_id").asText(),
          c.path("contact").asText(),
          c.path("last_error").asText(""),
          c.path("outcome").asText().replace('_', ' '));
    }
    if (table.isEmpty()) {
      cli.out.println(
          "No conversation needs attention" + (tenant == null ? "." : " at " + tenant + "."));
      return ExitCode.OK;
    }
    table.print(cli.out);
    cli.out.println(
        "Retry sent to "
            + answer.path("signalled").asInt()
            + " conversation(s)"
            + (answer.path("not_running").asInt() > 0
                ? ", " + answer.path("not_running").asInt() + " no longer running"
                : "")
            + ". Their turns run now; see clinicflow conversations attention for any that fail"
            + " again.");
    return ExitCode.OK;
  }
}
