package com.clinicflow.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.app.cli.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application for the tenant-management ITs, with fakes only at the HTTP edge (WireMock
 * speaking Gemini's and Evolution's wire formats). Every IT class extending this one, with nothing
 * of its own in its configuration, shares one running application (Spring's context cache), so they
 * cost one start. Tests keep apart by their own tenants and phone numbers.
 *
 * <p>The tenant cache's safety TTL is ten minutes here: a configuration change seen within seconds
 * can only have come through LISTEN/NOTIFY.
 */
@SpringBootTest(
    classes = ClinicFlowApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RunningClinicFlow {

  static final String ADMIN = "admin-token-for-tenant-its";
  static final String WEBHOOK_SECRET = "webhook-secret-for-tenant-its";
  static final String EVOLUTION_KEY = "evolution-global-key-its";
  static final String SHARED_GEMINI_KEY = "shared-gemini-key-its";

  /** base64 of 32 bytes. */
  static final String MASTER_KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

  static final String REPLY = "Olá! Aqui é a recepção virtual.";

  static final ObjectMapper JSON = new ObjectMapper();
  static final WireMockServer gemini = new WireMockServer(options().dynamicPort());
  static final WireMockServer evolution = new WireMockServer(options().dynamicPort());
  private static final AtomicLong phones = new AtomicLong(5511970000000L);

  static {
    gemini.start();
    evolution.start();
    Runtime.getRuntime().addShutdownHook(new Thread(RunningClinicFlow::stopFakes));
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(10)
            .willReturn(okJson(geminiText(REPLY))));
    evolution.stubFor(
        WireMock.post(urlPathMatching("/message/sendText/.*"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"key":{"remoteJid":"5511900000001@s.whatsapp.net","fromMe":true,
                         "id":"BAE5F5A632EAE722"},"message":{"conversation":"ok"},
                         "messageTimestamp":1717689097,"status":"PENDING"}""")));
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("clinicflow.data-dir", RunningClinicFlow::tempDir);
    registry.add("clinicflow.temporal.embedded-port", TestPorts::free);
    registry.add("clinicflow.admin.token", () -> ADMIN);
    registry.add("clinicflow.security.master-key", () -> MASTER_KEY);
    registry.add("clinicflow.evolution.webhook-secret", () -> WEBHOOK_SECRET);
    registry.add("clinicflow.evolution.base-url", evolution::baseUrl);
    registry.add("clinicflow.evolution.api-key", () -> EVOLUTION_KEY);
    registry.add("clinicflow.gemini.base-url", () -> gemini.baseUrl() + "/");
    registry.add("clinicflow.gemini.api-key", () -> SHARED_GEMINI_KEY);
    registry.add("clinicflow.conversation.debounce", () -> "PT1S");
    registry.add("clinicflow.conversation.max-burst-wait", () -> "PT5S");
    registry.add("clinicflow.tenant-cache.ttl", () -> "PT10M");
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("clinicflow-tenants-it").toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void stopFakes() {
    gemini.stop();
    evolution.stop();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  // ---- the admin API and the webhook ---------------------------------------------------------

  HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> admin(String method, String path, String body) throws Exception {
    return call(method, path, ADMIN, body);
  }

  /** A complete clinic as the admin API takes it. */
  static Map<String, Object> clinic(String id, String instance) {
    Map<String, Object> clinic = new LinkedHashMap<>();
    clinic.put("tenant_id", id);
    clinic.put("clinic_name", "Clínica " + id);
    clinic.put("evolution_instance_name", instance);
    clinic.put("system_prompt_patient", "Prompt of " + id + ": be kind.");
    clinic.put("system_prompt_internal", "Staff assistant of " + id);
    clinic.put("system_prompt_confirmation", "Confirm tomorrow's appointment.");
    clinic.put("business_hours", Map.of("mon", Map.of("open", "08:00", "close", "18:00")));
    clinic.put("timezone", "America/Sao_Paulo");
    clinic.put("monthly_message_limit", 100);
    clinic.put("fallback_message", "Fallback of " + id);
    clinic.put("quota_exceeded_message", "Quota reached for " + id);
    return clinic;
  }

  void createClinic(String id, String instance) throws Exception {
    HttpResponse<String> response =
        admin("POST", "/api/tenants", JSON.writeValueAsString(clinic(id, instance)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  static String upsert(String instance, String phone, String id, String text) throws IOException {
    try (InputStream in =
        RunningClinicFlow.class.getResourceAsStream(
            "/fixtures/evolution/messages-upsert-text.json")) {
      ObjectNode node = (ObjectNode) JSON.readTree(in);
      node.put("instance", instance);
      ObjectNode key = (ObjectNode) node.at("/data/key");
      key.put("remoteJid", phone + "@s.whatsapp.net");
      key.put("id", id);
      ((ObjectNode) node.at("/data/message")).put("conversation", text);
      ((ObjectNode) node.get("data")).put("messageTimestamp", System.currentTimeMillis() / 1000);
      return node.toString();
    }
  }

  HttpResponse<String> webhook(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl() + "/webhooks/evolution"))
            .header("Content-Type", "application/json")
            .header("X-Webhook-Secret", WEBHOOK_SECRET)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a patient's text message and checks it was taken in; returns its workflow id. */
  String patientWrites(String instance, String phone, String text) throws Exception {
    HttpResponse<String> response =
        webhook(upsert(instance, phone, "ID-" + phone + "-" + System.nanoTime(), text));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode ack = JSON.readTree(response.body());
    assertThat(ack.get("status").asText()).isEqualTo("accepted");
    return ack.get("workflow_id").asText();
  }

  static String nextPhone() {
    return String.valueOf(phones.incrementAndGet());
  }

  // ---- what the fakes saw --------------------------------------------------------------------

  static List<LoggedRequest> sends(String phone) {
    return evolution.findAll(postRequestedFor(urlPathMatching("/message/sendText/.*"))).stream()
        .filter(r -> r.getBodyAsString().contains("\"number\":\"" + phone + "\""))
        .toList();
  }

  static List<LoggedRequest> geminiCallsMentioning(String text) {
    return gemini
        .findAll(postRequestedFor(urlPathMatching("/v1.*/models/.*:generateContent")))
        .stream()
        .filter(r -> lastContent(readTree(r.getBodyAsString())).toString().contains(text))
        .toList();
  }

  static String systemInstruction(LoggedRequest geminiCall) {
    return readTree(geminiCall.getBodyAsString()).at("/systemInstruction/parts/0/text").asText();
  }

  static JsonNode lastContent(JsonNode request) {
    JsonNode contents = request.get("contents");
    return contents.get(contents.size() - 1);
  }

  static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static String geminiText(String text) {
    return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\""
        + text
        + "\"}]},\"finishReason\":\"STOP\"}],"
        + "\"usageMetadata\":{\"promptTokenCount\":120,\"candidatesTokenCount\":20,"
        + "\"totalTokenCount\":140}}";
  }

  // ---- the CLI, in this JVM ------------------------------------------------------------------

  record CliRun(int exit, String out, String err) {}

  CliRun cli(String... args) {
    return cliWithInput("", args);
  }

  CliRun cliWithInput(String stdin, String... args) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CLINICFLOW_URL", baseUrl());
    env.put("CLINICFLOW_ADMIN_TOKEN", ADMIN);
    return cliWithEnvironment(env, stdin, args);
  }

  static CliRun cliWithEnvironment(Map<String, String> env, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Cli.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new CliRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  // ---- waiting -------------------------------------------------------------------------------

  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    awaitTrue(what, Duration.ofSeconds(30), condition);
  }

  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s");
  }

  /** Longer than the debounce window and a turn: whatever would happen has happened. */
  static void settle() throws InterruptedException {
    Thread.sleep(3_000);
  }
}
