package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant body from the command line: {@code --file FILE} (a tenant JSON, {@code -} = stdin), then
 * one option per field, named like the JSON field in kebab case ({@code --clinic-name}, {@code
 * --system-prompt-patient}, …) with a few short aliases. A text value {@code @path} is read from
 * that file (long prompts). Values that do not look like their type are sent as given, so that
 * ClinicFlow's validation names the field; the API is the one judge of a valid tenant.
 */
final class TenantFields {

  enum Type {
    TEXT,
    INTEGER,
    BOOLEAN,
    OBJECT,
    BUSINESS_HOURS
  }

  /** Writable fields of the tenant JSON, in the order they are shown. */
  static final Map<String, Type> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("tenant_id", Type.TEXT);
    FIELDS.put("clinic_name", Type.TEXT);
    FIELDS.put("evolution_instance_name", Type.TEXT);
    FIELDS.put("google_calendar_id", Type.TEXT);
    FIELDS.put("google_tasks_list_id", Type.TEXT);
    FIELDS.put("mcp_calendar_endpoint", Type.TEXT);
    FIELDS.put("telegram_internal_chat_id", Type.INTEGER);
    FIELDS.put("system_prompt_patient", Type.TEXT);
    FIELDS.put("system_prompt_internal", Type.TEXT);
    FIELDS.put("system_prompt_confirmation", Type.TEXT);
    FIELDS.put("business_hours", Type.BUSINESS_HOURS);
    FIELDS.put("clinic_info", Type.OBJECT);
    FIELDS.put("timezone", Type.TEXT);
    FIELDS.put("language", Type.TEXT);
    FIELDS.put("is_active", Type.BOOLEAN);
    FIELDS.put("monthly_message_limit", Type.INTEGER);
    FIELDS.put("fallback_message", Type.TEXT);
    FIELDS.put("quota_exceeded_message", Type.TEXT);
    FIELDS.put("transcript_retention_days", Type.INTEGER);
  }

  static final Map<String, String> ALIASES =
      Map.of(
          "id", "tenant_id",
          "name", "clinic_name",
          "instance", "evolution_instance_name",
          "limit", "monthly_message_limit",
          "retention-days", "transcript_retention_days",
          "telegram-chat", "telegram_internal_chat_id",
          "active", "is_active");

  private static final Pattern DAY_RANGE =
      Pattern.compile(
          "^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?=(.+)-(.+)$");
  private static final String[] WEEK = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  private TenantFields() {}

  /** Every option name that sets a field (kebab case and aliases), plus {@code file}. */
  static Set<String> optionNames() {
    Set<String> names = new java.util.LinkedHashSet<>();
    names.add("file");
    FIELDS.keySet().forEach(f -> names.add(f.replace('_', '-')));
    names.addAll(ALIASES.keySet());
    return names;
  }

  /** The body: the file's fields, overridden by the options. */
  static ObjectNode body(Arguments args, Console console) {
    ObjectNode body = JsonHttp.JSON.createObjectNode();
    String file = args.option("file");
    if (file != null) {
      JsonNode fromFile = readJson(file, console);
      if (!fromFile.isObject()) {
        throw CliException.usage(file + " must hold a JSON object (a tenant)");
      }
      body.setAll((ObjectNode) fromFile);
    }
    for (Map.Entry<String, String> option : args.options().entrySet()) {
      String field = fieldOf(option.getKey());
      if (field != null) {
        body.set(field, value(field, FIELDS.get(field), option.getValue(), console));
      }
    }
    return body;
  }

  private static String fieldOf(String option) {
    if (ALIASES.containsKey(option)) {
      return ALIASES.get(option);
    }
    String field = option.replace('-', '_');
    return FIELDS.containsKey(field) ? field : null;
  }

  private static JsonNode value(String field, Type type, String raw, Console console) {
    var json = JsonHttp.JSON.getNodeFactory();
    String flag = "--" + field.replace('_', '-');
    switch (type) {
      case TEXT:
        return json.textNode(raw.startsWith("@") ? readText(raw.substring(1), console) : raw);
      case INTEGER:
        try {
          return json.numberNode(Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
          return json.textNode(raw); // ClinicFlow answers 400 naming the field
        }
      case BOOLEAN:
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        if (Set.of("true", "yes", "on").contains(lower)) {
          return json.booleanNode(true);
        }
        if (Set.of("false", "no", "off").contains(lower)) {
          return json.booleanNode(false);
        }
        return json.textNode(raw);
      case OBJECT:
        return object(flag, raw.startsWith("@") ? readText(raw.substring(1), console) : raw);
      case BUSINESS_HOURS:
        String text = raw.startsWith("@") ? readText(raw.substring(1), console) : raw;
        return text.trim().startsWith("{") ? object(flag, text) : compactHours(flag, text);
      default:
        throw new IllegalStateException(type.name());
    }
  }

  /**
   * {@code mon-fri=08:00-18:00,sat=08:00-12:00}: day or day range, opening and closing time. Times
   * are passed on as written; ClinicFlow checks them.
   */
  static ObjectNode compactHours(String flag, String text) {
    ObjectNode hours = JsonHttp.JSON.createObjectNode();
    if (text.isBlank()) {
      return hours;
    }
    for (String part : text.split(",")) {
      Matcher m = DAY_RANGE.matcher(part.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw CliException.usage(
            flag
                + ": '"
                + part.trim()
                + "' is not DAY=HH:MM-HH:MM or DAY-DAY=HH:MM-HH:MM (e.g."
                + " mon-fri=08:00-18:00,sat=08:00-12:00), nor a JSON object");
      }
      int from = day(m.group(1));
      int to = m.group(2) == null ? from : day(m.group(2));
      if (to < from) {
        throw CliException.usage(flag + ": '" + part.trim() + "' runs backwards");
      }
      for (int d = from; d <= to; d++) {
        hours.putObject(WEEK[d]).put("open", m.group(3)).put("close", m.group(4));
      }
    }
    return hours;
  }

  private static int day(String name) {
    for (int i = 0; i < WEEK.length; i++) {
      if (WEEK[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static JsonNode object(String flag, String text) {
    try {
      JsonNode node = JsonHttp.JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw CliException.usage(flag + " must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw CliException.usage(flag + " is not valid JSON");
    }
  }

  static JsonNode readJson(String file, Console console) {
    String text = file.equals("-") ? readStdin(console.in()) : readText(file, console);
    try {
      return JsonHttp.JSON.readTree(text);
    } catch (IOException e) {
      throw CliException.usage(file + " is not valid JSON");
    }
  }

  static String readText(String file, Console console) {
    if (file.equals("-")) {
      return readStdin(console.in());
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file);
    }
  }

  static String readStdin(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("cannot read standard input");
    }
  }
}
