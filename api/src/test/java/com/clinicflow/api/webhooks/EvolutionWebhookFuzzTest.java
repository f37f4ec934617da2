package com.clinicflow.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryContactDirectory;
import com.clinicflow.api.testapp.InMemoryInboundLedger;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.RecordingConnectionEvents;
import com.clinicflow.api.testapp.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Property test of the webhook endpoints: thousands of malformed and hostile requests from a seeded
 * generator (random JSON shapes, wrong types, huge strings, deep nesting, invalid UTF-8, missing
 * fields, forged tokens) must never get a 5xx or an unhandled exception, must always be answered
 * with the JSON error or acknowledgement shape, and must start a conversation only when the answer
 * says the message was taken. Cases built to be invalid must start nothing at all.
 *
 * <p>The seed is fixed so a failure reproduces; the failing case's description is in the message.
 * The same generator idea runs against the whole application in {@code bench/run.sh fuzz}, where
 * the database is real too.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class EvolutionWebhookFuzzTest {

  private static final long SEED = 0x5EED_C11F_F10AL;
  private static final int CASES = 3_000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MockMvc mvc;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired InMemoryInboundLedger ledger;
  @Autowired InMemoryContactDirectory contacts;
  @Autowired RecordingConnectionEvents connectionEvents;
  @MockitoBean ConversationStarter starter;

  private final Random random = new Random(SEED);

  /** One generated request and what may come of it. */
  private record Case(
      String description,
      String path,
      byte[] body,
      String contentType,
      Map<String, String> headers,
      boolean mustStartNothing,
      boolean mustBeRefused) {}

  @BeforeEach
  void clinic() {
    tenants.reset();
    ledger.reset();
    contacts.reset();
    connectionEvents.reset();
    tenants.put(Tenants.anota());
  }

  @Test
  void hostileRequestsNeverGetA5xxAndInvalidOnesStartNothing(CapturedOutput output)
      throws Exception {
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int n = 0; n < CASES; n++) {
      Case c = next(n);
      int startsBefore = starts();
      MockHttpServletResponse response = perform(c);
      int started = starts() - startsBefore;
      int status = response.getStatus();
      statuses.merge(status, 1, Integer::sum);
      String what = "case " + n + " (" + c.description() + "): HTTP " + status;

      assertThat(status).as(what).isLessThan(500);
      JsonNode answer = JSON.readTree(response.getContentAsByteArray());
      assertThat(answer != null && answer.isObject()).as(what + " answers a JSON object").isTrue();
      String ack = answer.path("status").asText("");
      // Taken into a conversation: connection.update is also "accepted", but names no workflow.
      boolean taken =
          status == 200
              && (ack.equals("accepted") || ack.equals("duplicate"))
              && answer.path("workflow_id").isTextual();
      if (status == 200) {
        assertThat(ack).as(what).isIn("accepted", "duplicate", "ignored");
      } else {
        assertThat(answer.path("error").isTextual()).as(what + " has an error code").isTrue();
      }
      assertThat(started).as(what + ": conversations started").isLessThanOrEqualTo(taken ? 1 : 0);
      if (ack.equals("accepted") && answer.path("workflow_id").isTextual()) {
        assertThat(started).as(what + ": an accepted message is signalled").isEqualTo(1);
      }
      if (c.mustStartNothing()) {
        assertThat(taken).as(what + " must not be taken").isFalse();
      }
      if (c.mustBeRefused()) {
        assertThat(status).as(what + " must be refused").isBetween(400, 499);
      }
    }
    // Every kind of answer occurred, so the generator really reached past each check.
    assertThat(statuses).containsKeys(200, 400, 401, 404, 413);
    assertThat(output.getAll()).doesNotContain("Unhandled ");
  }

  private int starts() {
    return Mockito.mockingDetails(starter).getInvocations().size();
  }

  private MockHttpServletResponse perform(Case c) throws Exception {
    MockHttpServletRequestBuilder request = post(c.path()).content(c.body());
    if (c.contentType() != null) {
      request.contentType(c.contentType());
    }
    c.headers().forEach(request::header);
    return mvc.perform(request).andReturn().getResponse();
  }

  // --- the generator --------------------------------------------------------------------

  private Case next(int n) {
    String path = path();
    Map<String, String> headers = new TreeMap<>();
    boolean authentic = credentials(headers);
    String contentType = random.nextInt(20) == 0 ? contentType() : "application/json";
    int kind = n % 1_000 == 7 ? -1 : random.nextInt(10);
    Case base =
        switch (kind) {
          case -1 -> oversized(n);
          case 0 -> garbage(n);
          case 1 -> notAnObject(n);
          case 2 -> brokenEnvelope(n);
          case 3 -> brokenKey(n);
          case 4 -> deepNesting(n);
          case 5 -> hostileStrings(n);
          case 6 -> connectionUpdate(n);
          default -> mutatedMessage(n);
        };
    boolean refused = base.mustBeRefused() || !authentic;
    return new Case(
        base.description() + (authentic ? "" : ", bad credentials") + ", path " + path,
        path,
        base.body(),
        contentType,
        headers,
        base.mustStartNothing() || !authentic,
        refused);
  }

  private String path() {
    return switch (random.nextInt(8)) {
      case 0 -> "/webhooks/evolution/messages-upsert";
      case 1 -> "/webhooks/evolution/MESSAGES_UPSERT";
      case 2 -> "/webhooks/evolution/connection-update";
      case 3 -> "/webhooks/evolution/" + URLEncoder.encode(hostileString(), StandardCharsets.UTF_8);
      default -> "/webhooks/evolution";
    };
  }

  /** Fills the headers; false when they carry no valid credential. */
  private boolean credentials(Map<String, String> headers) {
    switch (random.nextInt(20)) {
      case 0 -> {
        return false;
      }
      case 1 -> {
        headers.put(WebhookAuthenticator.SECRET_HEADER, "wrong-" + random.nextInt(1000));
        return false;
      }
      case 2 -> {
        headers.put("Authorization", "Bearer " + forgedToken());
        return false;
      }
      case 3 -> {
        headers.put(
            "Authorization",
            "Bearer "
                + EvolutionPayloads.hs256(
                    ApiTest.WEBHOOK_JWT_KEY,
                    "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                    "{\"exp\":" + randomValue(3) + ",\"nbf\":" + randomValue(3) + "}"));
        // Correctly signed with hostile claims: may or may not be valid, never a 5xx.
        headers.put(WebhookAuthenticator.SECRET_HEADER, ApiTest.WEBHOOK_SECRET);
        return true;
      }
      default -> {
        headers.put(WebhookAuthenticator.SECRET_HEADER, ApiTest.WEBHOOK_SECRET);
        return true;
      }
    }
  }

  private String forgedToken() {
    return switch (random.nextInt(5)) {
      case 0 -> hostileString();
      case 1 -> "a.b.c";
      case 2 -> b64("{\"alg\":\"none\"}") + "." + b64("{\"exp\":99999999999}") + ".";
      case 3 ->
          EvolutionPayloads.hs256("not-the-key", "{\"alg\":\"HS256\"}", "{\"exp\":99999999999}");
      default -> b64(randomValue(0).toString()) + "." + b64(hostileString()) + "." + "%%%";
    };
  }

  private static String b64(String s) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private String contentType() {
    return switch (random.nextInt(4)) {
      case 0 -> "text/plain";
      case 1 -> "application/xml";
      case 2 -> "application/x-www-form-urlencoded";
      default -> null;
    };
  }

  private Case garbage(int n) {
    byte[] bytes = new byte[random.nextInt(3_000)];
    random.nextBytes(bytes);
    if (random.nextBoolean() && bytes.length > 4) {
      // Starts like JSON, then turns into invalid UTF-8.
      byte[] prefix = "{\"instance\":\"anota\",\"x\":\"".getBytes(StandardCharsets.UTF_8);
      System.arraycopy(prefix, 0, bytes, 0, Math.min(prefix.length, bytes.length));
    }
    return refused("random bytes (" + bytes.length + ")", bytes);
  }

  private Case notAnObject(int n) {
    String body =
        switch (random.nextInt(5)) {
          case 0 -> "";
          case 1 -> randomArray(0).toString();
          case 2 -> JSON.valueToTree(hostileString()).toString();
          case 3 -> {
            String valid = EvolutionPayloads.fixture();
            yield valid.substring(0, random.nextInt(valid.length()));
          }
          default -> "[" + EvolutionPayloads.fixture() + "]";
        };
    return refused("not a JSON object", body.getBytes(StandardCharsets.UTF_8));
  }

  private Case brokenEnvelope(int n) {
    ObjectNode root = message(n);
    String field = pick("instance", "data", "event");
    String description;
    if (random.nextBoolean()) {
      root.remove(field);
      description = "no " + field;
    } else {
      JsonNode value = randomScalarOrBlank();
      root.set(field, value);
      description = field + " = " + abbreviate(value.toString());
    }
    if (field.equals("event")) {
      // A by-events URL may still name the event (the body's own field wins only when textual).
      return new Case(description, "", bytes(root), null, Map.of(), false, false);
    }
    return refused(description, bytes(root));
  }

  private Case brokenKey(int n) {
    ObjectNode root = message(n);
    ObjectNode data = (ObjectNode) root.get("data");
    ObjectNode key = (ObjectNode) data.get("key");
    String description;
    switch (random.nextInt(4)) {
      case 0 -> {
        data.set("key", randomValue(2).isObject() ? NODES.textNode("key") : randomValue(2));
        description = "key not an object";
      }
      case 1 -> {
        key.remove(pick("remoteJid", "id"));
        description = "key without remoteJid or id";
      }
      case 2 -> {
        String field = pick("remoteJid", "id");
        key.set(field, randomScalarOrBlank());
        description = field + " = " + abbreviate(key.get(field).toString());
      }
      default -> {
        // Some of these are valid JIDs (a long of digits @lid): validity unknown.
        key.put("remoteJid", hostileString() + pick("@s.whatsapp.net", "@lid", "@g.us", ""));
        return new Case("hostile remoteJid", "", bytes(root), null, Map.of(), false, false);
      }
    }
    return startsNothing(description, bytes(root));
  }

  private Case deepNesting(int n) {
    int depth = 500 + random.nextInt(5_000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String body =
        "{\"event\":\"messages.upsert\",\"instance\":\"anota\",\"data\":{\"key\":"
            + open.repeat(depth)
            + "1"
            + close.repeat(depth)
            + "}}";
    return startsNothing("nesting depth " + depth, body.getBytes(StandardCharsets.UTF_8));
  }

  private Case oversized(int n) {
    byte[] body = new byte[10 * 1024 * 1024 + 1 + random.nextInt(1024)];
    java.util.Arrays.fill(body, (byte) 'x');
    byte[] prefix =
        "{\"event\":\"messages.upsert\",\"instance\":\"anota\",\"data\":\""
            .getBytes(StandardCharsets.UTF_8);
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    return refused("body above the limit", body);
  }

  /** A valid message whose strings are hostile: may be taken, must be answered sanely. */
  private Case hostileStrings(int n) {
    ObjectNode root = message(n);
    ObjectNode data = (ObjectNode) root.get("data");
    data.put("pushName", hostileString());
    ((ObjectNode) data.get("message")).put("conversation", hostileString());
    if (random.nextBoolean()) {
      ((ObjectNode) data.get("key")).put("id", hostileString());
    }
    if (random.nextBoolean()) {
      root.put("instance", hostileString());
    }
    return new Case("hostile strings", "", bytes(root), null, Map.of(), false, false);
  }

  private Case connectionUpdate(int n) {
    ObjectNode root = NODES.objectNode();
    root.put("event", pick("connection.update", "CONNECTION_UPDATE", "connection-update"));
    root.put("instance", random.nextBoolean() ? "anota" : hostileString());
    ObjectNode data = root.putObject("data");
    data.set("state", randomValue(1));
    data.set("statusReason", randomValue(1));
    return startsNothing("connection.update", bytes(root));
  }

  /** The fixture with random changes anywhere: validity unknown, never a 5xx. */
  private Case mutatedMessage(int n) {
    ObjectNode root = message(n);
    int changes = 1 + random.nextInt(4);
    for (int i = 0; i < changes; i++) {
      mutate(root, 0);
    }
    return new Case("mutated message", "", bytes(root), null, Map.of(), false, false);
  }

  private void mutate(JsonNode node, int depth) {
    if (!(node instanceof ObjectNode object) || object.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    String name = names.get(random.nextInt(names.size()));
    JsonNode child = object.get(name);
    if (child.isObject() && depth < 4 && random.nextInt(3) > 0) {
      mutate(child, depth + 1);
    } else if (random.nextInt(5) == 0) {
      object.remove(name);
    } else {
      object.set(name, randomValue(depth));
    }
  }

  private ObjectNode message(int n) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(EvolutionPayloads.fixture());
      ObjectNode key = (ObjectNode) root.path("data").path("key");
      key.put("id", "FUZZ" + n);
      key.put("remoteJid", "55119" + String.format("%08d", n) + "@s.whatsapp.net");
      return root;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Case refused(String description, byte[] body) {
    return new Case(description, "", body, null, Map.of(), true, true);
  }

  private Case startsNothing(String description, byte[] body) {
    return new Case(description, "", body, null, Map.of(), true, false);
  }

  private JsonNode randomScalarOrBlank() {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.textNode(pick("", "   ", "\t\n"));
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> randomArray(2);
      default -> NODES.numberNode(random.nextDouble());
    };
  }

  private JsonNode randomValue(int depth) {
    return switch (random.nextInt(depth > 3 ? 7 : 9)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(300)));
      case 4 -> NODES.numberNode(new BigInteger(1 + random.nextInt(300), random));
      case 5 -> NODES.textNode(hostileString());
      case 6 -> NODES.textNode(pick("", "5511900000001@s.whatsapp.net", "123@lid", "true", "1"));
      case 7 -> randomArray(depth + 1);
      default -> {
        ObjectNode o = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.set(
              random.nextBoolean() ? hostileString() : pick("low", "high", "text", "id"),
              randomValue(depth + 1));
        }
        yield o;
      }
    };
  }

  private ArrayNode randomArray(int depth) {
    ArrayNode a = NODES.arrayNode();
    for (int i = random.nextInt(depth > 3 ? 1 : 4); i > 0; i--) {
      a.add(randomValue(depth + 1));
    }
    return a;
  }

  private String hostileString() {
    return switch (random.nextInt(14)) {
      case 0 -> "a\u0000b";
      case 1 -> "x\ud800y"; // lone surrogate
      case 2 -> "\udc00";
      case 3 -> "\u202eevil\u202c\u200b\ufeff";
      case 4 -> "😀👩‍⚕️🏥".repeat(1 + random.nextInt(30));
      case 5 -> "'; DROP TABLE tenant_config; --";
      case 6 -> "${jndi:ldap://x/a}%s%n<script>";
      case 7 -> "\u0001\u0007\b\u001b[31m";
      case 8 -> "z".repeat(random.nextInt(random.nextInt(20) == 0 ? 200_000 : 2_000));
      case 9 -> "../../etc/passwd";
      case 10 -> "anota";
      case 11 -> " ";
      case 12 -> "5511" + random.nextInt(1_000_000_000) + "@s.whatsapp.net";
      default -> Long.toString(random.nextLong());
    };
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
