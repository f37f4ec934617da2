package com.clinicflow.activities.gemini;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One google-genai {@link Client} per API key, built on first use and kept: a client owns an HTTP
 * connection pool and threads, so building one per call would leak both. The shared key and every
 * clinic's own key each get their own client.
 *
 * <p>A rotated tenant key leaves its old client in the map until shutdown; with one key per clinic
 * that is a few idle objects, not worth an eviction policy.
 */
final class GeminiClients implements AutoCloseable {

  private final GeminiProperties properties;
  private final Map<String, Client> byApiKey = new ConcurrentHashMap<>();

  GeminiClients(GeminiProperties properties) {
    this.properties = properties;
  }

  Client forKey(String apiKey) {
    return byApiKey.computeIfAbsent(apiKey, this::build);
  }

  /**
   * Everything is set explicitly, so that none of the SDK's environment variables ({@code
   * GOOGLE_GENAI_USE_VERTEXAI}, {@code GOOGLE_GEMINI_BASE_URL}, {@code GOOGLE_GENAI_API_VERSION},
   * {@code GOOGLE_API_KEY}) can redirect a clinic's patient messages elsewhere.
   */
  private Client build(String apiKey) {
    HttpOptions http =
        HttpOptions.builder()
            .baseUrl(properties.baseUrl())
            .apiVersion(properties.apiVersion())
            .timeout(timeoutMillis())
            // The SDK retries 429/5xx five times by default. Inside an activity that multiplies
            // with Temporal's retries and hides the attempts from history: one attempt here,
            // Temporal's retry policy owns the rest.
            .retryOptions(HttpRetryOptions.builder().attempts(1).build())
            .build();
    return Client.builder().apiKey(apiKey).vertexAI(false).httpOptions(http).build();
  }

  private int timeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, properties.timeout().toMillis());
  }

  int size() {
    return byApiKey.size();
  }

  @Override
  public void close() {
    List<Client> clients = new ArrayList<>(byApiKey.values());
    byApiKey.clear();
    RuntimeException first = null;
    for (Client client : clients) {
      try {
        client.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
