package com.clinicflow.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Evolution's {@code messages.upsert} webhooks, as Evolution 2.3 posts them.
 *
 * <p>Posted with OkHttp's blocking calls, each request on a sender thread of its own over a pooled
 * keep-alive connection. The JDK's {@code HttpClient} (used before) hands every request and
 * response between the caller, its selector thread and its executor: measured against a JDK {@code
 * HttpServer} on loopback at 50 requests/s, 1.3–2.6 ms p50 and 6–45 ms p99 per request, against
 * 0.8–1.1 ms and 2.9–5.5 ms with OkHttp (decision 0017) — time the harness counted in the
 * application's acknowledgement and overhead.
 */
final class Webhooks {

  static final String SECRET = "bench-webhook-secret";

  /** Status {@code -1}: no HTTP answer (connection refused, reset, timeout). */
  record Ack(int status, String body, long doneNanos) {}

  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(5))
          .readTimeout(Duration.ofSeconds(30))
          .callTimeout(Duration.ofSeconds(30))
          // Tomcat closes a connection idle for 20 s; drop ours before that.
          .connectionPool(new ConnectionPool(1024, 10, TimeUnit.SECONDS))
          // A webhook is posted once per call: retries are the caller's (postRetrying).
          .retryOnConnectionFailure(false)
          .followRedirects(false)
          .build();

  /** A thread per request in flight: the open model sends on time however slow the answers. */
  private final ExecutorService senders =
      Executors.newCachedThreadPool(Bench.daemon("webhook-client"));

  private final URI endpoint;

  Webhooks(URI api) {
    this.endpoint = api.resolve("/webhooks/evolution");
  }

  static String body(Tracker.Message m) {
    long now = System.currentTimeMillis();
    return "{\"event\":\"messages.upsert\",\"instance\":\""
        + m.instance
        + "\",\"data\":{\"key\":{\"remoteJid\":\""
        + m.phone
        + "@s.whatsapp.net\",\"fromMe\":false,\"id\":\""
        + m.providerMessageId()
        + "\"},\"pushName\":\"Paciente "
        + m.phone.substring(m.phone.length() - 4)
        + "\",\"status\":\"DELIVERY_ACK\",\"message\":{\"conversation\":\""
        + m.text()
        + "\",\"messageContextInfo\":{\"deviceListMetadata\":{\"senderKeyHash\":\"AAAAAAAAAAAAAA==\","
        + "\"senderTimestamp\":\"1761949562\",\"recipientKeyHash\":\"BBBBBBBBBBBBBB==\","
        + "\"recipientTimestamp\":\"1762372615\"},\"deviceListMetadataVersion\":2,"
        + "\"messageSecret\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}},"
        + "\"messageType\":\"conversation\",\"messageTimestamp\":"
        + (now / 1000)
        + ",\"instanceId\":\"516a733b-03da-4784-a972-eb398c8caf40\",\"source\":\"android\"},"
        + "\"destination\":\"https://bot.example.com/\",\"date_time\":\""
        + java.time.Instant.ofEpochMilli(now)
        + "\",\"sender\":\"5511900000002@s.whatsapp.net\","
        + "\"server_url\":\"https://evolution.example.com\","
        + "\"apikey\":\"00000000-0000-0000-0000-000000000000\"}";
  }

  CompletableFuture<Ack> post(String body) {
    return post(body, "application/json");
  }

  CompletableFuture<Ack> post(String body, String contentType) {
    return postBytes(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType, SECRET);
  }

  CompletableFuture<Ack> postBytes(byte[] body, String contentType, String secret) {
    Request.Builder request =
        new Request.Builder().url(endpoint.toString()).post(RequestBody.create(body, null));
    // Sent as given: a hostile body's content type need not parse.
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (secret != null) {
      request.header("X-Webhook-Secret", secret);
    }
    Request built = request.build();
    return CompletableFuture.supplyAsync(() -> send(built), senders);
  }

  private Ack send(Request request) {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      return new Ack(response.code(), body == null ? "" : body.string(), System.nanoTime());
    } catch (IOException | RuntimeException e) {
      return new Ack(-1, e.getClass().getSimpleName(), System.nanoTime());
    }
  }

  private static final ScheduledExecutorService RETRIES =
      Executors.newSingleThreadScheduledExecutor(Bench.daemon("webhook-retry"));

  /**
   * Posts as Evolution does: a 5xx or no answer is posted again (here after 1 s, Evolution waits 5
   * s doubling; up to {@code attempts} posts); any other answer is final. {@code each} sees every
   * attempt's answer.
   */
  CompletableFuture<Ack> postRetrying(String body, int attempts, Consumer<Ack> each) {
    return post(body)
        .thenCompose(
            ack -> {
              each.accept(ack);
              if ((ack.status() > 0 && ack.status() < 500) || attempts <= 1) {
                return CompletableFuture.completedFuture(ack);
              }
              CompletableFuture<Ack> next = new CompletableFuture<>();
              RETRIES.schedule(
                  () -> {
                    postRetrying(body, attempts - 1, each)
                        .whenComplete(
                            (a, e) -> {
                              if (e != null) {
                                next.completeExceptionally(e);
                              } else {
                                next.complete(a);
                              }
                            });
                  },
                  1,
                  TimeUnit.SECONDS);
              return next;
            });
  }
}
