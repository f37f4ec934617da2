package com.clinicflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Webhook bodies an attacker or a broken gateway could send, from a seeded {@link Random}: bodies
 * that must be refused (or ignored) without starting anything, and valid messages whose text is
 * hostile, which must be answered like any other.
 */
final class HostileBodies {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A generated case: the bytes to post, its content type, and a description. */
  record Case(byte[] body, String contentType, String secret, String kind) {}

  private final Random random;
  private final String knownInstance;

  HostileBodies(long seed, String knownInstance) {
    this.random = new Random(seed);
    this.knownInstance = knownInstance;
  }

  /** Hostile strings: NUL, lone surrogates, control characters, bidi, emoji, SQL, huge. */
  String hostileString() {
    return switch (random.nextInt(12)) {
      case 0 -> "a\u0000b";
      case 1 -> "\u0000";
      case 2 -> "x\ud800y"; // a lone high surrogate
      case 3 -> "\udc00"; // a lone low surrogate
      case 4 -> "\u202eevil\u202c \u200b\ufeff";
      case 5 -> "😀👩‍⚕️🏥".repeat(1 + random.nextInt(50));
      case 6 -> "'; DROP TABLE tenant_config; --";
      case 7 -> "<script>alert(1)</script>${jndi:ldap://x/a}%s%n";
      case 8 -> "\u0001\u0002\u0007\b\f\u001b[31m";
      case 9 -> "y".repeat(1 + random.nextInt(200_000));
      case 10 -> "\\u0000 not a real escape \\";
      default -> "";
    };
  }

  JsonNode randomValue(int depth) {
    return switch (random.nextInt(depth > 3 ? 6 : 8)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(random.nextDouble() * 1e300);
      case 4 -> NODES.textNode(hostileString());
      case 5 -> NODES.numberNode(new java.math.BigInteger(200, random));
      case 6 -> {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(randomValue(depth + 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.set(
              random.nextBoolean() ? hostileString() : "k" + random.nextInt(9),
              randomValue(depth + 1));
        }
        yield o;
      }
    };
  }

  ObjectNode validEnvelope(String instance, String phone, String id, String text) {
    ObjectNode root = NODES.objectNode();
    root.put("event", "messages.upsert");
    root.put("instance", instance);
    ObjectNode data = root.putObject("data");
    ObjectNode key = data.putObject("key");
    key.put("remoteJid", phone + "@s.whatsapp.net");
    key.put("fromMe", false);
    key.put("id", id);
    data.put("pushName", "Paciente");
    data.putObject("message").put("conversation", text);
    data.put("messageType", "conversation");
    data.put("messageTimestamp", System.currentTimeMillis() / 1000);
    return root;
  }

  /**
   * A body that must start nothing: refused with 4xx, or acknowledged as ignored. Each breaks the
   * envelope or the message key in one way, sometimes with random noise added elsewhere.
   */
  Case invalid(int n) {
    String id = "FZX" + n;
    ObjectNode root = validEnvelope(knownInstance, "5511987650000", id, "fuzz " + n);
    ObjectNode data = (ObjectNode) root.get("data");
    ObjectNode key = (ObjectNode) data.get("key");
    String kind;
    switch (random.nextInt(16)) {
      case 0 -> {
        kind = "instance";
        if (random.nextBoolean()) {
          root.remove("instance");
        } else {
          root.set("instance", randomValue(2));
        }
        if (root.path("instance").isTextual()) {
          root.put("instance", "unknown-" + root.get("instance").asText());
        }
      }
      case 1 -> {
        kind = "instance of NULs";
        root.put(
            "instance", random.nextBoolean() ? "\u0000" : "\u0000unknown\u0000" + knownInstance);
      }
      case 2 -> {
        kind = "data";
        if (random.nextBoolean()) {
          root.remove("data");
        } else {
          root.set(
              "data", random.nextBoolean() ? NODES.nullNode() : NODES.textNode(hostileString()));
        }
      }
      case 3 -> {
        kind = "data array";
        root.set("data", NODES.arrayNode().add(data));
      }
      case 4 -> {
        kind = "event";
        root.set("event", random.nextBoolean() ? NODES.numberNode(7) : NODES.textNode(" "));
      }
      case 5 -> {
        kind = "key";
        data.set("key", random.nextBoolean() ? NODES.textNode(hostileString()) : NODES.arrayNode());
      }
      case 6 -> {
        kind = "remoteJid";
        if (random.nextBoolean()) {
          key.remove("remoteJid");
        } else {
          key.set("remoteJid", randomNonTextOrBlank());
        }
      }
      case 7 -> {
        kind = "id";
        if (random.nextBoolean()) {
          key.remove("id");
        } else {
          key.set("id", randomNonTextOrBlank());
        }
      }
      case 8 -> {
        kind = "id of NULs";
        key.put("id", "\u0000".repeat(1 + random.nextInt(3)));
      }
      case 9 -> {
        kind = "remoteJid hostile";
        key.put("remoteJid", hostileString() + "@s.whatsapp.net");
      }
      case 10 -> {
        kind = "group or broadcast";
        key.put("remoteJid", random.nextBoolean() ? "120363000000000000@g.us" : "status@broadcast");
      }
      case 11 -> {
        kind = "garbage bytes";
        byte[] bytes = new byte[random.nextInt(2_000)];
        random.nextBytes(bytes);
        return new Case(bytes, "application/json", Webhooks.SECRET, kind);
      }
      case 12 -> {
        kind = "invalid UTF-8 in a string";
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        String s =
            new String(json, StandardCharsets.ISO_8859_1)
                .replace(
                    "\"instance\":\"" + knownInstance,
                    "\"instance\":\"" + knownInstance + "\u00c3\u0028");
        return new Case(
            s.getBytes(StandardCharsets.ISO_8859_1), "application/json", Webhooks.SECRET, kind);
      }
      case 13 -> {
        kind = "deep nesting";
        int depth = 1_000 + random.nextInt(20_000);
        String nested = "[".repeat(depth) + "]".repeat(depth);
        String s =
            "{\"event\":\"messages.upsert\",\"instance\":\""
                + knownInstance
                + "\",\"data\":"
                + nested
                + "}";
        return new Case(
            s.getBytes(StandardCharsets.UTF_8), "application/json", Webhooks.SECRET, kind);
      }
      case 14 -> {
        kind = "truncated or not an object";
        String s =
            random.nextBoolean()
                ? root.toString().substring(0, random.nextInt(root.toString().length()))
                : randomValue(5).toString();
        if (s.startsWith("{")) {
          s = "[" + s + "]";
        }
        return new Case(
            s.getBytes(StandardCharsets.UTF_8), "application/json", Webhooks.SECRET, kind);
      }
      default -> {
        kind = "wrong secret";
        return new Case(
            root.toString().getBytes(StandardCharsets.UTF_8),
            "application/json",
            random.nextBoolean() ? null : "wrong-" + random.nextInt(),
            kind);
      }
    }
    // Noise: random extra fields anywhere the mapper does not read.
    if (random.nextBoolean()) {
      root.set("extra" + random.nextInt(5), randomValue(0));
      data.set("messageContextInfo", randomValue(0));
    }
    return new Case(
        root.toString().getBytes(StandardCharsets.UTF_8),
        "application/json",
        Webhooks.SECRET,
        kind);
  }

  private JsonNode randomNonTextOrBlank() {
    return switch (random.nextInt(5)) {
      case 0 -> NODES.numberNode(random.nextInt());
      case 1 -> NODES.textNode("   ");
      case 2 -> NODES.objectNode().put("id", "x");
      case 3 -> NODES.booleanNode(true);
      default -> NODES.nullNode();
    };
  }

  /**
   * A valid message to {@code instance} whose text and push name are hostile; carries the marker.
   */
  String validWithHostileText(Tracker.Message m) {
    ObjectNode root =
        validEnvelope(m.instance, m.phone, m.providerMessageId(), hostileString() + " " + m.text());
    ((ObjectNode) root.get("data")).put("pushName", hostileString());
    if (random.nextBoolean()) {
      ((ObjectNode) root.get("data")).set("messageContextInfo", randomValue(0));
    }
    return root.toString();
  }
}
