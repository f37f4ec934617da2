package com.clinicflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Gemini's {@code generateContent} on loopback: waits {@code latency ± jitter}, then answers in
 * words (never a tool call), echoing the markers of the patient's last message. A {@link Faults}
 * policy can answer 429 or 500 instead, in Gemini's error format.
 */
final class FakeGemini extends FakeServer {

  /** Decides the HTTP status of one call: 200, or an error Gemini really sends. */
  interface Faults {
    Faults NONE = (ids, nowNanos) -> 200;

    int status(List<Long> ids, long nowNanos);
  }

  private final Tracker tracker;
  private volatile long latencyMillis;
  private volatile long jitterMillis;
  private volatile Faults faults = Faults.NONE;
  final AtomicLong calls = new AtomicLong();
  final AtomicLong ok = new AtomicLong();
  final AtomicLong rateLimited = new AtomicLong();
  final AtomicLong serverErrors = new AtomicLong();

  FakeGemini(Tracker tracker, long latencyMillis, long jitterMillis) {
    super("/", 600);
    this.tracker = tracker;
    latency(latencyMillis, jitterMillis);
  }

  void latency(long latencyMillis, long jitterMillis) {
    this.latencyMillis = latencyMillis;
    this.jitterMillis = jitterMillis;
  }

  long latencyMillis() {
    return latencyMillis;
  }

  long jitterMillis() {
    return jitterMillis;
  }

  void faults(Faults faults) {
    this.faults = faults;
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    long called = System.nanoTime();
    calls.incrementAndGet();
    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
    List<Long> ids = Tracker.markers(lastUserText(request));
    long jitter =
        jitterMillis == 0
            ? 0
            : ThreadLocalRandom.current().nextLong(-jitterMillis, jitterMillis + 1);
    long delay = Math.max(0, latencyMillis + jitter);
    sleepMillis(delay);
    int status = faults.status(ids, System.nanoTime());
    if (status == 429) {
      rateLimited.incrementAndGet();
      respond(
          exchange,
          429,
          "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
              + "\"status\":\"RESOURCE_EXHAUSTED\"}}");
      return;
    }
    if (status >= 500) {
      serverErrors.incrementAndGet();
      respond(
          exchange,
          status,
          "{\"error\":{\"code\":"
              + status
              + ",\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}");
      return;
    }
    String reply =
        "Claro! Temos horarios na terca e na quinta de manha. Qual prefere? "
            + ids.stream().map(id -> "#m" + id).collect(Collectors.joining(" "));
    ObjectNode body = JSON.createObjectNode();
    ObjectNode candidate = body.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.put("role", "model");
    content.putArray("parts").addObject().put("text", reply);
    candidate.put("finishReason", "STOP");
    body.putObject("usageMetadata")
        .put("promptTokenCount", 420)
        .put("candidatesTokenCount", 24)
        .put("totalTokenCount", 444);
    body.put("modelVersion", "gemini-2.5-flash");
    tracker.geminiAnswered(ids, delay, called, System.nanoTime());
    ok.incrementAndGet();
    respond(exchange, 200, JSON.writeValueAsString(body));
  }

  /** The text parts of the last {@code user} content: the patient's words of this turn. */
  static String lastUserText(JsonNode request) {
    JsonNode contents = request.path("contents");
    for (int i = contents.size() - 1; i >= 0; i--) {
      JsonNode c = contents.get(i);
      if ("user".equals(c.path("role").asText())) {
        StringBuilder text = new StringBuilder();
        c.path("parts").forEach(p -> text.append(p.path("text").asText("")).append('\n'));
        return text.toString();
      }
    }
    return "";
  }
}
