package com.clinicflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evolution API v2 on loopback. {@code POST /message/sendText/{instance}} records every send
 * (number, text, time of arrival) in the {@link Tracker} and, like Evolution with message saving
 * on, stores it in the chat at once — a send whose client dies while it is in flight still goes out
 * — then waits its latency and answers 201 as Evolution 2.3 does. {@code POST
 * /chat/findMessages/{instance}} lists a chat's stored sends newest first, filtered by {@code
 * where.key.remoteJid}, the way a retry after a crash asks for them.
 */
final class FakeEvolution extends FakeServer {

  /** Sends kept per chat for findMessages; a chat in the benchmark gets a few per minute. */
  private static final int KEPT_PER_CHAT = 50;

  private record Stored(String id, String text, long epochSeconds) {}

  private final Tracker tracker;
  private volatile long latencyMillis;
  final AtomicLong sends = new AtomicLong();
  final AtomicLong lookups = new AtomicLong();
  private final Map<String, Deque<Stored>> chats = new ConcurrentHashMap<>();

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
    if (path.startsWith("/message/sendText/")) {
      sendText(exchange, instance(path), arrived);
    } else if (path.startsWith("/chat/findMessages/")) {
      findMessages(exchange, instance(path));
    } else {
      respond(exchange, 404, "{\"status\":404,\"error\":\"Not Found\"}");
    }
  }

  private void sendText(HttpExchange exchange, String instance, long arrived) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String number = body.path("number").asText(null);
    String text = body.path("text").asText(null);
    tracker.sendReceived(number, text, arrived);
    String id = "BAE5" + String.format("%012X", sends.incrementAndGet());
    long now = System.currentTimeMillis() / 1000;
    String jid = number != null && number.contains("@") ? number : number + "@s.whatsapp.net";
    Deque<Stored> chat = chats.computeIfAbsent(instance + "/" + jid, k -> new ArrayDeque<>());
    synchronized (chat) {
      chat.addFirst(new Stored(id, text, now));
      if (chat.size() > KEPT_PER_CHAT) {
        chat.removeLast();
      }
    }
    sleepMillis(latencyMillis);
    respond(
        exchange,
        201,
        "{\"key\":{\"remoteJid\":\""
            + jid
            + "\",\"fromMe\":true,\"id\":\""
            + id
            + "\"},\"message\":{\"conversation\":"
            + JSON.writeValueAsString(text)
            + "},\"messageTimestamp\":"
            + now
            + ",\"status\":\"PENDING\"}");
  }

  private void findMessages(HttpExchange exchange, String instance) throws IOException {
    lookups.incrementAndGet();
    JsonNode where = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("where");
    String jid = where.path("key").path("remoteJid").asText("");
    Deque<Stored> chat = chats.getOrDefault(instance + "/" + jid, new ArrayDeque<>());
    ArrayNode records = JSON.createArrayNode();
    synchronized (chat) {
      for (Stored stored : chat) {
        ObjectNode record = records.addObject();
        record.putObject("key").put("id", stored.id()).put("fromMe", true).put("remoteJid", jid);
        record.put("messageType", "conversation");
        record.putObject("message").put("conversation", stored.text());
        record.put("messageTimestamp", stored.epochSeconds());
      }
    }
    ObjectNode messages = JSON.createObjectNode();
    messages
        .putObject("messages")
        .put("total", records.size())
        .put("pages", 1)
        .put("currentPage", 1)
        .set("records", records);
    respond(exchange, 200, JSON.writeValueAsString(messages));
  }

  private static String instance(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
