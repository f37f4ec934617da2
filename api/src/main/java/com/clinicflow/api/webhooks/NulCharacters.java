package com.clinicflow.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Removes U+0000 from every string value of a parsed webhook body (Evolution's and Telegram's),
 * before anything reads it.
 *
 * <p>PostgreSQL cannot store that character: text columns refuse the byte and {@code jsonb} refuses
 * the {@code \u0000} escape. Left in, a NUL from a broken or hostile sender turned the clinic
 * lookup or the inbound ledger into a 503 (which Evolution retries ten times), and a NUL in a
 * patient's text or name into a turn whose {@code SaveTurn} failed ten times, quoting the text in
 * the database's error in the worker log, before the conversation fell back and asked for an
 * operator (measured by {@code bench/run.sh fuzz}, see docs/benchmarks/reliability.md). A staff
 * member's Telegram text would fail the staff chat's {@code SaveTurn} the same way. No WhatsApp or
 * Telegram client sends NUL, so dropping it loses nothing, and doing it once here covers every
 * field read now or later.
 */
final class NulCharacters {

  private static final String NUL = "\u0000";

  private NulCharacters() {}

  /** The same tree, with NUL removed from its string values (in place; iterative, any depth). */
  static JsonNode strip(JsonNode root) {
    if (root == null || !root.isContainerNode()) {
      return root;
    }
    Deque<JsonNode> containers = new ArrayDeque<>();
    containers.push(root);
    while (!containers.isEmpty()) {
      JsonNode node = containers.pop();
      if (node instanceof ObjectNode object) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        object.fields().forEachRemaining(fields::add);
        for (Map.Entry<String, JsonNode> field : fields) {
          JsonNode value = field.getValue();
          if (value.isTextual() && value.textValue().contains(NUL)) {
            object.put(field.getKey(), value.textValue().replace(NUL, ""));
          } else if (value.isContainerNode()) {
            containers.push(value);
          }
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonNode value = array.get(i);
          if (value.isTextual() && value.textValue().contains(NUL)) {
            array.set(i, array.textNode(value.textValue().replace(NUL, "")));
          } else if (value.isContainerNode()) {
            containers.push(value);
          }
        }
      }
    }
    return root;
  }
}
