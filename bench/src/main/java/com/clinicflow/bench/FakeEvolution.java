package com.clinicflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evolution API v2's {@code POST /message/sendText/{instance}} on loopback: records every send
 * (number, text, time of arrival) in the {@link Tracker}, waits its latency, answers 201 as
 * Evolution 2.3 does.
 */
final class FakeEvolution extends FakeServer {

  private final Tracker tracker;
  private volatile long latencyMillis;
  final AtomicLong sends = new AtomicLong();

  FakeEvolution(Tracker tracker, long latencyMillis) {
    super("/", 200);
    this.tracker = tracker;
    this.latencyMillis = latencyMillis;
  }

  long latencyMillis() {
    return latencyMillis;
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith("/message/sendText/")) {
      respond(exchange, 404, "{\"status\":404,\"error\":\"Not Found\"}");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String number = body.path("number").asText(null);
    tracker.sendReceived(number, body.path("text").asText(null), arrived);
    long n = sends.incrementAndGet();
    sleepMillis(latencyMillis);
    respond(
        exchange,
        201,
        "{\"key\":{\"remoteJid\":\""
            + number
            + "@s.whatsapp.net\",\"fromMe\":true,\"id\":\"BAE5"
            + String.format("%012X", n)
            + "\"},\"message\":{\"extendedTextMessage\":{\"text\":\"ok\"}},"
            + "\"messageTimestamp\":\""
            + (System.currentTimeMillis() / 1000)
            + "\",\"status\":\"PENDING\"}");
  }
}
