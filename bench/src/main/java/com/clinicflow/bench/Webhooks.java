package com.clinicflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Evolution's {@code messages.upsert} webhooks, as Evolution 2.3 posts them. */
final class Webhooks {

  static final String SECRET = "bench-webhook-secret";

  /** Status {@code -1}: no HTTP answer (connection refused, reset, timeout). */
  record Ack(int status, String body, long doneNanos) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(8, Bench.daemon("webhook-client")))
          .build();
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
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (secret != null) {
      request.header("X-Webhook-Secret", secret);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle(
            (r, e) ->
                e != null
                    ? new Ack(-1, e.getClass().getSimpleName(), System.nanoTime())
                    : new Ack(r.statusCode(), r.body(), System.nanoTime()));
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
