package com.clinicflow.app.cli;

import com.clinicflow.workflows.agent.MediaKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code clinicflow conversations …}: list a clinic's conversations, find those that need an
 * operator, look at one (state, transcript, decoded Temporal history), retry or skip its failed
 * turn, and erase a patient's data when they ask the clinic to. Tables for people, {@code --json}
 * for scripts (the API's own JSON, unchanged).
 */
final class ConversationsCommand {

  static final Set<String> FLAGS = Set.of("json", "help", "yes");

  private final CommandContext context;
  private final Arguments args;
  private final Console console;
  private final PrintStream out;

  private ConversationsCommand(Arguments args, Console console) {
    this.context = new CommandContext(args, console, "conversations");
    this.args = args;
    this.console = console;
    this.out = console.out();
  }

  /** Runs {@code conversations <command> …}; {@code words} start after "conversations". */
  static int run(List<String> words, Console console) {
    Arguments args = Arguments.parse(words, FLAGS);
    if (args.flag("help")) {
      console.out().print(Help.TEXT);
      return ExitCode.OK;
    }
    if (args.positional().isEmpty()) {
      throw CliException.usage(
          "usage: clinicflow conversations"
              + " list|show|transcript|history|retry|skip|erase|attention|retry-all"
              + " …"
              + " (see clinicflow help)");
    }
    return new ConversationsCommand(args, console).dispatch(args.positional().get(0));
  }

  private int dispatch(String command) {
    return switch (command) {
      case "show" -> show();
      case "transcript" -> transcript();
      case "history" -> history();
      case "retry" -> operator("retry", "Retry sent to %s: the failed turn runs again");
      case "skip" ->
          operator(
              "skip",
              "Skip sent to %s: the failed turn is dropped and the messages after it answered");
      case "erase" -> erase();
      case "list" -> new ConversationListCommands(context).list();
      case "attention" -> new ConversationListCommands(context).attention();
      case "retry-all" -> new ConversationListCommands(context).retryAll();
      default ->
          throw CliException.usage(
              "unknown command 'conversations " + command + "' (see clinicflow help)");
    };
  }

  // ---- commands ----------------------------------------------------------------------------

  private int show() {
    allow("show");
    List<String> words = args.exactly(3, "clinicflow conversations show TENANT_ID CONTACT");
    JsonNode c = api().get(path(words));
    if (json(c)) {
      return ExitCode.OK;
    }
    JsonNode live = c.path("live");
    JsonNode stored = c.path("stored");
    List<String[]> lines = new ArrayList<>();
    lines.add(Table.kv("workflow", c.path("workflow_id").asText()));
    lines.add(
        Table.kv(
            "running",
            c.path("workflow_running").asBoolean() ? "yes" : "no (completed or never started)"));
    lines.add(Table.kv("status", c.path("status").asText()));
    if (live.isObject()) {
      lines.add(Table.kv("pending messages", live.path("pending_messages").asInt()));
      lines.add(Table.kv("turns so far", live.path("turns_so_far").asLong()));
      lines.add(Table.kv("paused until", Times.utc(live.path("paused_until"))));
      if (live.hasNonNull("next_automatic_retry_at")) {
        lines.add(
            Table.kv("retries by itself at", Times.utc(live.path("next_automatic_retry_at"))));
      }
    }
    String lastError = text(live, "last_error");
    if (lastError == null) {
      lastError = text(stored, "last_error");
    }
    lines.add(Table.kv("last error", lastError == null ? "-" : lastError));
    if (stored.isObject()) {
      lines.add(Table.kv("name", text(stored, "display_name")));
      lines.add(Table.kv("last inbound", Times.utc(stored.path("last_inbound_at"))));
      lines.add(Table.kv("last reply", Times.utc(stored.path("last_reply_at"))));
      lines.add(Table.kv("needs attention since", Times.utc(stored.path("needs_attention_since"))));
    } else {
      lines.add(Table.kv("recorded", "nothing in PostgreSQL yet"));
    }
    Table.keyValues(out, lines);
    return ExitCode.OK;
  }

  private int transcript() {
    allow("transcript", "limit");
    List<String> words =
        args.exactly(3, "clinicflow conversations transcript TENANT_ID CONTACT [--limit N]");
    String limit = args.option("limit");
    JsonNode t =
        api().get(path(words) + "/transcript" + (limit == null ? "" : "?limit=" + segment(limit)));
    if (json(t)) {
      return ExitCode.OK;
    }
    Table table = new Table("WHEN", "TURN", "ROLE", "MESSAGE");
    for (JsonNode line : t.path("messages")) {
      JsonNode message = line.path("message");
      table.row(
          Times.utc(line.path("created_at")),
          line.path("turn_key").asText(),
          message.path("role").asText().toLowerCase(),
          parts(message.path("parts")));
    }
    if (table.isEmpty()) {
      out.println("No messages.");
    } else {
      table.print(out);
    }
    printUnanswered(t.path("unanswered"));
    return ExitCode.OK;
  }

  /** What the running workflow holds unanswered: a waiting turn's messages, not yet stored. */
  private void printUnanswered(JsonNode unanswered) {
    if (unanswered.isEmpty()) {
      return;
    }
    Table table = new Table("SENT", "KIND", "MESSAGE");
    for (JsonNode message : unanswered) {
      table.row(
          Times.utc(message.path("sent_at")),
          message.path("kind").asText().toLowerCase(),
          message.path("text").asText(""));
    }
    out.println();
    out.println("Not answered yet (held by the conversation's workflow):");
    table.print(out);
  }

  private int history() {
    allow("history");
    List<String> words = args.exactly(3, "clinicflow conversations history TENANT_ID CONTACT");
    JsonNode h = api().get(path(words) + "/history");
    if (json(h)) {
      return ExitCode.OK;
    }
    out.println(
        h.path("workflow_id").asText()
            + " run "
            + h.path("run_id").asText()
            + (h.path("workflow_running").asBoolean() ? " (running)" : " (closed)"));
    Table table = new Table("ID", "TIME", "EVENT", "DETAIL");
    for (JsonNode event : h.path("events")) {
      table.row(
          event.path("eventId").asText(),
          Times.utc(event.path("eventTime")),
          event.path("eventType").asText().replaceFirst("^EVENT_TYPE_", ""),
          detail(event));
    }
    table.print(out);
    out.println("(payloads: clinicflow conversations history … --json)");
    return ExitCode.OK;
  }

  /** Sends an operator's {@code retry} or {@code skip}; {@code done} says what follows. */
  private int operator(String action, String done) {
    allow(action, "by");
    List<String> words =
        args.exactly(3, "clinicflow conversations " + action + " TENANT_ID CONTACT [--by NAME]");
    ObjectNode body = JsonHttp.JSON.createObjectNode().put("requested_by", requester());
    JsonNode answer = api().call("POST", path(words) + "/" + action, body);
    if (!json(answer)) {
      out.println(
          done.formatted(answer.path("workflow_id").asText())
              + " (see clinicflow conversations show "
              + words.get(1)
              + " "
              + words.get(2)
              + ").");
    }
    return ExitCode.OK;
  }

  /** Erases what ClinicFlow keeps of a patient; irreversible, so only with {@code --yes}. */
  private int erase() {
    allow("erase", "by");
    List<String> words =
        args.exactly(3, "clinicflow conversations erase TENANT_ID CONTACT --yes [--by NAME]");
    if (!args.flag("yes")) {
      throw CliException.usage(
          "erasing a patient's conversations, transcript and ledgers cannot be undone; add --yes"
              + " to go ahead");
    }
    JsonNode answer =
        api().call("DELETE", path(words) + "?requested_by=" + segment(requester()), null);
    if (json(answer)) {
      return ExitCode.OK;
    }
    JsonNode erased = answer.path("erased");
    List<String[]> lines = new ArrayList<>();
    lines.add(Table.kv("contacts", answer.path("contacts").asInt()));
    lines.add(Table.kv("workflows terminated", answer.path("workflows_terminated").asInt()));
    lines.add(Table.kv("conversations", erased.path("conversations").asInt()));
    lines.add(Table.kv("messages", erased.path("messages").asInt()));
    lines.add(Table.kv("contact links", erased.path("contact_links").asInt()));
    lines.add(Table.kv("sent messages", erased.path("sent_messages").asInt()));
    lines.add(Table.kv("received messages", erased.path("received_messages").asInt()));
    lines.add(Table.kv("activity lines", erased.path("activity_lines").asInt()));
    lines.add(Table.kv("temporal histories", answer.path("temporal_histories").asText()));
    Table.keyValues(out, lines);
    if (answer.path("workflows_terminated").asInt() > 0) {
      out.println(
          "A conversation was running: what its worker was doing as it ended (a reply being sent,"
              + " a turn being saved) may still be recorded. Erase again in a minute; that run"
              + " finds nothing or only that.");
    }
    return ExitCode.OK;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private String requester() {
    return context.requester();
  }

  private AdminApi api() {
    return context.api();
  }

  private static String path(List<String> words) {
    return "/api/conversations/" + segment(words.get(1)) + "/" + segment(words.get(2));
  }

  private static String segment(String value) {
    return AdminApi.segment(value);
  }

  private void allow(String command, String... options) {
    context.allow(command, options);
  }

  private boolean json(JsonNode answer) {
    return context.json(answer);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  /** Text parts as they are; tool calls and results by name. */
  private static String parts(JsonNode parts) {
    List<String> shown = new ArrayList<>();
    for (JsonNode part : parts) {
      if (part.hasNonNull("text")) {
        shown.add(part.get("text").asText());
      } else if (part.hasNonNull("media")) {
        // A voice note, a photo, a PDF: what it says or shows once the model heard it, else
        // that there was one.
        String kind =
            "[" + MediaKind.of(part.get("media").path("mime_type").asText(null)).label() + "]";
        shown.add(
            part.hasNonNull("transcript") ? kind + " " + part.get("transcript").asText() : kind);
      } else {
        Iterator<String> names = part.fieldNames();
        List<String> kinds = new ArrayList<>();
        names.forEachRemaining(
            n -> {
              if (!part.get(n).isNull()) {
                kinds.add(n);
              }
            });
        shown.add("[" + String.join(",", kinds) + "]");
      }
    }
    return String.join(" ", shown);
  }

  /** What an event is about: the activity, signal, child, timer or marker it names. */
  private static String detail(JsonNode event) {
    Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().endsWith("EventAttributes")) {
        continue;
      }
      JsonNode a = field.getValue();
      for (String name : List.of("activityType", "workflowType")) {
        if (a.path(name).hasNonNull("name")) {
          return a.path(name).path("name").asText();
        }
      }
      for (String name : List.of("signalName", "markerName", "queryType", "timerId")) {
        if (a.hasNonNull(name)) {
          return a.get(name).asText();
        }
      }
    }
    return "";
  }
}
