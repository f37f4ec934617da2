package com.clinicflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A vendor fake on loopback: the JDK's HTTP server with a large thread pool, because the fakes hold
 * requests open for their configured latency (80 concurrent Gemini calls at 100 msg/s and 800 ms)
 * and must never become the bottleneck they are there to stand in for.
 */
abstract class FakeServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK server writes a response's headers and its body as two segments; with Nagle's
    // algorithm on (its default) the body waits for the client's delayed ACK of the headers, up
    // to 40 ms on Linux. That wait is the fake's, not the vendor's: it put 40 ms into "overhead"
    // on every second turn at 40 msg/s. Read once, when the first server is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService pool;

  FakeServer(String context, int threads) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    pool = Executors.newFixedThreadPool(threads);
    HttpHandler handler =
        exchange -> {
          try {
            handle(exchange);
          } catch (RuntimeException | IOException e) {
            respond(exchange, 500, "{\"error\":\"fake failed: " + e.getClass().getName() + "\"}");
          } finally {
            exchange.close();
          }
        };
    server.createContext(context, handler);
    server.setExecutor(pool);
    server.start();
  }

  abstract void handle(HttpExchange exchange) throws IOException;

  int port() {
    return server.getAddress().getPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void sleepMillis(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
