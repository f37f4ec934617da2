package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP with the JDK's client (the CLI starts no Spring context). Network failures become
 * exit code {@link ExitCode#CONNECTION}; the answer itself, whatever its status, is returned.
 */
final class JsonHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status and body (a JSON tree, or null when empty or not JSON). */
  record Response(int status, JsonNode body, String raw) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client;
  private final String service;
  private final Duration timeout;

  /**
   * @param service what is called, for messages ("ClinicFlow", "Evolution")
   */
  JsonHttp(String service, Duration timeout) {
    this.service = service;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Response send(String method, String url, Map<String, String> headers, JsonNode body) {
    URI uri;
    try {
      uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage(service + " URL is not valid: " + url);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    headers.forEach((name, value) -> header(request, name, value));
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(
          method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new CliException(
          ExitCode.CONNECTION, "cannot connect to " + service + " at " + origin(uri));
    } catch (HttpTimeoutException e) {
      throw new CliException(
          ExitCode.CONNECTION,
          service + " at " + origin(uri) + " did not answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw new CliException(
          ExitCode.CONNECTION,
          "cannot reach "
              + service
              + " at "
              + origin(uri)
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.CONNECTION, "interrupted while calling " + service);
    }
    return new Response(response.statusCode(), parse(response.body()), response.body());
  }

  /**
   * The JDK refuses a header value with a line break or a character outside ASCII, and its error
   * quotes the value: the admin token or an Evolution key, printed with the stack trace.
   */
  private static void header(HttpRequest.Builder request, String name, String value) {
    try {
      request.header(name, value);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "the "
              + name
              + " header cannot be sent: the token or key in it has a line break or a character"
              + " outside ASCII (check CLINICFLOW_ADMIN_TOKEN or the Evolution key)");
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getAuthority();
  }
}
