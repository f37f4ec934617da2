package com.clinicflow.app;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A secret set through the admin API (or the CLI) is used by the clinic's conversations and never
 * appears in an API response, a log line or a Temporal payload.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantSecretsIT extends RunningClinicFlow {

  private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/]+={0,2}$");
  private static final List<String> VERBOSE =
      List.of("com.clinicflow", "org.springframework.web", "io.temporal");

  @Autowired WorkflowClient temporal;
  @Autowired io.temporal.payload.codec.PayloadCodec codec;

  private final List<String> responses = new ArrayList<>();

  private HttpResponse<String> recorded(HttpResponse<String> response) {
    responses.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
    return response;
  }

  /**
   * Debug logging of ClinicFlow and of Spring MVC (which logs request bodies it reads) while the
   * secrets are set and used: the strictest log a deployment could run with.
   */
  @BeforeEach
  void verboseLogs() {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    for (String logger : VERBOSE) {
      logging.setLogLevel(logger, LogLevel.DEBUG);
    }
  }

  @AfterEach
  void quietLogs() {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    for (String logger : VERBOSE) {
      logging.setLogLevel(logger, null);
    }
  }

  @Test
  void aSecretIsUsedButNeverShownLoggedOrPutInAWorkflowPayload(CapturedOutput output)
      throws Exception {
    String geminiKey = "tenant-gemini-" + UUID.randomUUID();
    String evolutionKey = "tenant-evolution-" + UUID.randomUUID();
    createClinic("sec-clinic", "sec_clinic_instance");

    HttpResponse<String> put =
        recorded(
            admin(
                "PUT",
                "/api/tenants/sec-clinic/secrets/gemini_api_key",
                "{\"value\":\"" + geminiKey + "\"}"));
    assertThat(put.statusCode()).isEqualTo(204);
    assertThat(put.body()).isEmpty();
    CliRun setSecret =
        cliWithInput(
            evolutionKey + "\n", "tenants", "set-secret", "sec-clinic", "evolution_api_key");
    assertThat(setSecret.exit()).as(setSecret.err()).isZero();
    responses.add(setSecret.out() + setSecret.err());

    // The clinic's conversation runs on its own keys.
    String phone = nextPhone();
    String workflowId = patientWrites("sec_clinic_instance", phone, "mensagem-com-chave-propria");
    awaitTrue("the reply", () -> sends(phone).size() == 1);
    LoggedRequest llmCall = geminiCallsMentioning("mensagem-com-chave-propria").get(0);
    assertThat(llmCall.getHeader("x-goog-api-key")).isEqualTo(geminiKey);
    assertThat(sends(phone).get(0).getHeader("apikey")).isEqualTo(evolutionKey);

    // Everything the admin API and the CLI show about the clinic.
    for (String path :
        List.of(
            "/api/tenants",
            "/api/tenants/sec-clinic",
            "/api/tenants/sec-clinic/secrets",
            "/api/tenants/sec-clinic/usage",
            "/api/tenants/sec-clinic/health",
            "/api/tenants/sec-clinic/activity?size=500")) {
      assertThat(recorded(admin("GET", path, null)).statusCode()).as(path).isEqualTo(200);
    }
    JsonNode names = readTree(admin("GET", "/api/tenants/sec-clinic/secrets", null).body());
    assertThat(names.get("names").toString())
        .isEqualTo("[\"evolution_api_key\",\"gemini_api_key\"]");
    for (String[] command :
        new String[][] {
          {"tenants", "show", "sec-clinic"},
          {"tenants", "show", "sec-clinic", "--json"},
          {"tenants", "secrets", "sec-clinic"},
          {"tenants", "health", "sec-clinic", "--json"},
          {"tenants", "logs", "sec-clinic", "--size", "100"}
        }) {
      CliRun run = cli(command);
      assertThat(run.exit()).isZero();
      responses.add(run.out() + run.err());
    }
    assertThat(String.join("\n", responses))
        .contains("gemini_api_key")
        .doesNotContain(geminiKey)
        .doesNotContain(evolutionKey);

    // Every payload of the conversation's history (the clinic checks are local-activity markers in
    // it, decision 0010) and of any child workflow it started.
    List<String> histories = histories(workflowId);
    assertThat(histories).isNotEmpty();
    assertThat(histories.get(0)).contains("EVENT_TYPE_MARKER_RECORDED");
    String decoded = String.join("\n", histories.stream().map(this::decoded).toList());
    // the search does look inside the payloads: the patient's words are there
    assertThat(decoded).contains("mensagem-com-chave-propria");
    for (String secret : List.of(geminiKey, evolutionKey)) {
      assertThat(String.join("\n", histories)).doesNotContain(secret);
      assertThat(decoded).doesNotContain(secret);
    }

    // Every line logged while the secrets were set and used (at debug level: Spring MVC did log
    // the body it read, as the redacted record).
    assertThat(output.getAll()).contains("SecretValue[value=***]");
    for (String secret : List.of(geminiKey, evolutionKey)) {
      assertThat(output.getAll())
          .doesNotContain(secret)
          .doesNotContain(base64(secret))
          .doesNotContain(base64("\"" + secret + "\""));
    }
  }

  @Test
  void deletingATenantSecretBringsTheSharedKeyBack() throws Exception {
    createClinic("sec-shared", "sec_shared_instance");
    assertThat(
            admin(
                    "PUT",
                    "/api/tenants/sec-shared/secrets/gemini_api_key",
                    "{\"value\":\"own-key-of-sec-shared\"}")
                .statusCode())
        .isEqualTo(204);
    String phone = nextPhone();
    patientWrites("sec_shared_instance", phone, "com-chave-da-clinica");
    awaitTrue("the first reply", () -> sends(phone).size() == 1);
    assertThat(geminiCallsMentioning("com-chave-da-clinica").get(0).getHeader("x-goog-api-key"))
        .isEqualTo("own-key-of-sec-shared");

    CliRun deleted = cli("tenants", "delete-secret", "sec-shared", "gemini_api_key");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("Secret gemini_api_key of sec-shared deleted.");
    patientWrites("sec_shared_instance", phone, "com-chave-compartilhada");
    awaitTrue("the second reply", () -> sends(phone).size() == 2);
    assertThat(geminiCallsMentioning("com-chave-compartilhada").get(0).getHeader("x-goog-api-key"))
        .isEqualTo(SHARED_GEMINI_KEY);
    gemini.verify(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                    ".*:generateContent"))
            .withHeader("x-goog-api-key", equalTo(SHARED_GEMINI_KEY)));
  }

  /** The history JSON of the workflow and of every child workflow it started. */
  private List<String> histories(String workflowId) {
    List<String> all = new ArrayList<>();
    var history = temporal.fetchHistory(workflowId);
    all.add(history.toJson(false));
    for (HistoryEvent event : history.getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
        String child =
            event
                .getChildWorkflowExecutionStartedEventAttributes()
                .getWorkflowExecution()
                .getWorkflowId();
        all.add(temporal.fetchHistory(child).toJson(false));
      }
    }
    return all;
  }

  /**
   * Every payload of the history JSON decrypted with the application's codec (payloads are
   * encrypted under the master key), and every other base64 string decoded.
   */
  private String decoded(String historyJson) {
    StringBuilder out = new StringBuilder();
    collect(readTree(historyJson), out);
    return out.toString();
  }

  private void collect(JsonNode node, StringBuilder out) {
    if (node.isObject() && node.has("metadata") && node.path("data").isTextual()) {
      io.temporal.api.common.v1.Payload.Builder payload =
          io.temporal.api.common.v1.Payload.newBuilder()
              .setData(
                  com.google.protobuf.ByteString.copyFrom(
                      Base64.getDecoder().decode(node.get("data").asText())));
      node.get("metadata")
          .fields()
          .forEachRemaining(
              e ->
                  payload.putMetadata(
                      e.getKey(),
                      com.google.protobuf.ByteString.copyFrom(
                          Base64.getDecoder().decode(e.getValue().asText()))));
      for (var plain : codec.decode(java.util.List.of(payload.build()))) {
        out.append(plain.getData().toStringUtf8()).append('\n');
      }
      return;
    }
    if (node.isTextual()) {
      String text = node.asText();
      if (text.length() >= 4 && text.length() % 4 == 0 && BASE64.matcher(text).matches()) {
        out.append(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8))
            .append('\n');
      }
      return;
    }
    node.forEach(child -> collect(child, out));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
