package com.clinicflow.activities.whatsapp;

import com.clinicflow.activities.media.CappedBody;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.workflows.common.Errors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON to an Evolution API v2 instance endpoint and turns every non-2xx answer into an {@code
 * Errors} failure. An {@link OkHttpClient} that never retries on its own, so only Temporal retries
 * (house rule), and follows no redirects (a redirect means a wrong base URL).
 *
 * <p>Failure messages name the operation, the HTTP status and the instance, nothing else: Evolution
 * echoes the number (and sometimes the text) in its error bodies, and those bodies end up in
 * Temporal history and logs.
 */
final class EvolutionClient {

  private static final Logger log = LoggerFactory.getLogger(EvolutionClient.class);

  static final String API_KEY_HEADER = "apikey";

  private static final MediaType JSON = MediaType.get("application/json");

  private final String baseUrl;
  private final String globalApiKey;
  private final OkHttpClient http;
  private final TenantSecrets secrets;
  private final ObjectMapper json;

  EvolutionClient(
      EvolutionProperties properties, OkHttpClient http, TenantSecrets secrets, ObjectMapper json) {
    if (properties.sandboxed()) {
      throw new IllegalArgumentException("no clinicflow.evolution.base-url: use the sandbox");
    }
    this.baseUrl = properties.baseUrl();
    this.globalApiKey = properties.apiKey();
    this.http = http;
    this.secrets = secrets;
    this.json = json;
  }

  ObjectMapper json() {
    return json;
  }

  /**
   * The clinic's own instance token when it has one, else the global key; a {@code CONFIGURATION}
   * failure when there is neither, or the clinic's cannot be a header ({@link
   * TenantSecrets#findKey}), checked before anything is sent.
   */
  String apiKeyFor(String tenantId) {
    return secrets
        .findKey(tenantId, TenantSecrets.EVOLUTION_API_KEY)
        .or(() -> java.util.Optional.ofNullable(globalApiKey))
        .orElseThrow(
            () ->
                Errors.CONFIGURATION.failure(
                    "No Evolution API key: set clinicflow.evolution.api-key or the tenant's "
                        + TenantSecrets.EVOLUTION_API_KEY));
  }

  /**
   * POSTs {@code body} to {@code {base}{path}/{instance}} and returns the parsed 2xx body ({@link
   * MissingNode} when it is empty or not JSON: callers parse loosely).
   *
   * @param operation the endpoint's name for messages, e.g. {@code sendText}
   */
  JsonNode post(
      String operation,
      String path,
      String instance,
      String apiKey,
      Object body,
      Duration timeout) {
    return post(operation, path, instance, apiKey, body, timeout, Long.MAX_VALUE);
  }

  /**
   * As {@link #post(String, String, String, String, Object, Duration)}, reading at most {@code
   * maxAnswerBytes} of the answer: one that is larger (media a patient sent, as base64) is a {@code
   * BAD_REQUEST}, given up while reading rather than held in memory. A retry would get the same
   * answer.
   */
  JsonNode post(
      String operation,
      String path,
      String instance,
      String apiKey,
      Object body,
      Duration timeout,
      long maxAnswerBytes) {
    Request request =
        new Request.Builder()
            .url(baseUrl + path + "/" + pathSegment(instance))
            .header(API_KEY_HEADER, apiKey)
            .header("Accept", "application/json")
            .post(RequestBody.create(serialize(body), JSON))
            .build();
    Call call = http.newCall(request);
    // The whole exchange (connect, write, wait, read) within the operation's timeout.
    call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    byte[] answer;
    int status;
    try (Response response = call.execute()) {
      status = response.code();
      answer =
          CappedBody.read(
              response.body(), maxAnswerBytes, () -> tooLarge(operation, instance, maxAnswerBytes));
    } catch (IOException e) {
      // A timeout (InterruptedIOException), a refused connection, a reset: all worth another try
      // later. Only the class name is kept; messages of I/O exceptions can carry the URL.
      log.warn(
          "Evolution {} on instance {} failed: {}",
          operation,
          instance,
          e.getClass().getSimpleName());
      throw Errors.UPSTREAM_UNAVAILABLE.failure(
          String.format(
              "Evolution %s failed: %s (instance %s)",
              operation, e.getClass().getSimpleName(), instance));
    }
    JsonNode parsed = parse(answer);
    if (status >= 200 && status < 300) {
      return parsed;
    }
    ApplicationFailure failure = failureFor(operation, instance, status, parsed);
    log.warn(
        "Evolution {} on instance {} answered HTTP {} ({})",
        operation,
        instance,
        status,
        failure.getType());
    throw failure;
  }

  private static ApplicationFailure tooLarge(String operation, String instance, long maxBytes) {
    log.warn(
        "Evolution {} on instance {} answered more than {} bytes", operation, instance, maxBytes);
    return Errors.BAD_REQUEST.failure(
        String.format(
            "Evolution %s answered more than %d bytes (instance %s)",
            operation, maxBytes, instance));
  }

  /** Maps an Evolution error answer to the failure type a retry policy understands. */
  static ApplicationFailure failureFor(
      String operation, String instance, int status, JsonNode body) {
    String message =
        String.format("Evolution %s failed: HTTP %d (instance %s)", operation, status, instance);
    Errors type;
    if (status == 400 && reportsUnknownNumber(body)) {
      type = Errors.NOT_FOUND;
      message =
          String.format(
              "Evolution %s failed: HTTP 400, recipient is not on WhatsApp (instance %s)",
              operation, instance);
    } else if (status == 401 || status == 403) {
      type = Errors.UNAUTHORIZED;
    } else if (status == 404) {
      // Evolution answers 404 for an instance it does not have: the clinic's instance name (or
      // the base URL) is wrong, which no retry will fix.
      type = Errors.CONFIGURATION;
    } else if (status == 429) {
      type = Errors.RATE_LIMITED;
    } else if (status == 408 || status >= 500) {
      type = Errors.UPSTREAM_UNAVAILABLE;
    } else if (status >= 300 && status < 400) {
      type = Errors.CONFIGURATION;
    } else {
      // 400 (validation, media not found), 422, and any other 4xx: the request itself is wrong.
      type = Errors.BAD_REQUEST;
    }
    return type.failure(message);
  }

  /**
   * Evolution's "number does not exist" answer: {@code response.message} is a list of {@code
   * {exists:false, jid, number}} (read loosely: a single object is accepted too).
   */
  static boolean reportsUnknownNumber(JsonNode body) {
    JsonNode message = body.path("response").path("message");
    if (message.isObject()) {
      return saysMissing(message);
    }
    for (JsonNode element : message) {
      if (saysMissing(element)) {
        return true;
      }
    }
    return false;
  }

  private static boolean saysMissing(JsonNode element) {
    JsonNode exists = element.path("exists");
    return (exists.isBoolean() && !exists.booleanValue())
        || (exists.isTextual() && "false".equalsIgnoreCase(exists.textValue()));
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = json.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  private byte[] serialize(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise an Evolution request body", e);
    }
  }

  /** Instance names are chosen by operators: encode them as one path segment. */
  private static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
