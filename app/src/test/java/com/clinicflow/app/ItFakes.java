package com.clinicflow.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Wire formats for whole-application tests: Evolution webhooks as Evolution posts them, and Gemini
 * answers (text or a function call) as Gemini returns them.
 */
final class ItFakes {

  static final ObjectMapper JSON = new ObjectMapper();

  private ItFakes() {}

  /** A {@code messages.upsert} text message from {@code phone} to the clinic's instance. */
  static String upsert(String instance, String phone, String id, String text) {
    try (InputStream in =
        ItFakes.class.getResourceAsStream("/fixtures/evolution/messages-upsert-text.json")) {
      ObjectNode node = (ObjectNode) JSON.readTree(in);
      node.put("instance", instance);
      ObjectNode key = (ObjectNode) node.at("/data/key");
      key.put("remoteJid", phone + "@s.whatsapp.net");
      key.put("id", id);
      ((ObjectNode) node.at("/data/message")).put("conversation", text);
      ((ObjectNode) node.get("data")).put("messageTimestamp", System.currentTimeMillis() / 1000);
      return node.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResponseDefinitionBuilder okJson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static String geminiText(String text) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode candidate = answer.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.put("role", "model");
    content.putArray("parts").addObject().put("text", text);
    candidate.put("finishReason", "STOP");
    usage(answer);
    return answer.toString();
  }

  static String geminiCall(String name, Map<String, Object> args) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode candidate = answer.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.put("role", "model");
    ObjectNode call = content.putArray("parts").addObject().putObject("functionCall");
    call.put("name", name);
    call.set("args", JSON.valueToTree(args));
    candidate.put("finishReason", "STOP");
    usage(answer);
    return answer.toString();
  }

  private static void usage(ObjectNode answer) {
    answer
        .putObject("usageMetadata")
        .put("promptTokenCount", 120)
        .put("candidatesTokenCount", 20)
        .put("totalTokenCount", 140);
  }

  static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("condition not reached within 30 s");
  }
}
