package com.clinicflow.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * ClinicFlow's admin API as the CLI uses it. An error answer ends the command with exit code {@link
 * ExitCode#API_ERROR} and the API's own message (which names the invalid field).
 */
final class AdminApi {

  static final String DEFAULT_URL = "http://localhost:8080";

  private final String baseUrl;
  private final String token;
  private final JsonHttp http = new JsonHttp("ClinicFlow", Duration.ofSeconds(30));

  AdminApi(String baseUrl, String token) {
    this.baseUrl = stripSlash(baseUrl);
    this.token = token;
  }

  /** {@code --url}/{@code --token} first, then CLINICFLOW_URL / CLINICFLOW_ADMIN_TOKEN. */
  static AdminApi from(Arguments args, Console console) {
    String url = args.option("url");
    if (url == null) {
      url = console.env("CLINICFLOW_URL");
    }
    String token = args.option("token");
    if (token == null) {
      token = console.env("CLINICFLOW_ADMIN_TOKEN");
    }
    return new AdminApi(url == null ? DEFAULT_URL : url, token);
  }

  String baseUrl() {
    return baseUrl;
  }

  JsonNode get(String path) {
    return call("GET", path, null);
  }

  JsonNode call(String method, String path, JsonNode body) {
    JsonHttp.Response response = send(method, path, body);
    if (response.ok()) {
      return response.body();
    }
    throw new CliException(ExitCode.API_ERROR, describe(response));
  }

  /** GET that answers empty on 404, for "does it exist yet?". */
  Optional<JsonNode> find(String path) {
    JsonHttp.Response response = send("GET", path, null);
    if (response.status() == 404) {
      return Optional.empty();
    }
    if (response.ok()) {
      return Optional.ofNullable(response.body());
    }
    throw new CliException(ExitCode.API_ERROR, describe(response));
  }

  private JsonHttp.Response send(String method, String path, JsonNode body) {
    Map<String, String> headers =
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    return http.send(method, baseUrl + path, headers, body);
  }

  private String describe(JsonHttp.Response response) {
    JsonNode body = response.body();
    String message;
    if (body != null && body.hasNonNull("error")) {
      message = body.path("error").asText() + ": " + body.path("message").asText();
    } else {
      message = "no JSON error body (is " + baseUrl + " a ClinicFlow server?)";
    }
    if (response.status() == 401 && token == null) {
      message += " (give the admin token with --token or CLINICFLOW_ADMIN_TOKEN)";
    }
    return "HTTP " + response.status() + " " + message;
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
