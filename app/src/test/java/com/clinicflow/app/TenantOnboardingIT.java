package com.clinicflow.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.app.cli.QrCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code clinicflow tenants onboard} against the running application and a fake Evolution API: the
 * exact Evolution calls, the QR code in the terminal, and a clinic that answers its first message.
 */
class TenantOnboardingIT extends RunningClinicFlow {

  static final String QR_CODE =
      "2@kRmpTLdNfD3wX9uY4vB6sQ1zA8cE5hJ7gK0pL2mN4oR6tV8xZ0bD2fH4jL6nP8rT0vX2zB4dF6h==,"
          + "c1VjQmtXa2p0NnZ3eTVhcU9oZ2l0UlZ0bFk0aXJQcEc=,"
          + "ZmJ4T2R1b1h6cDVrcm9hRnJ3bVZ4b2ZtZ0Z3eWJRSUk=,"
          + "V2Z3a0ZQa3N5b0NqZ0RlS3ZiR2NwS0xqR2JOcXlxTms=";

  /** The instance token Evolution's create answer carries in {@code hash}. */
  static final String INSTANCE_TOKEN = "B1A9F6E5-7F1C-4C36-8E5A-2F8D1C2B3A4E";

  private void evolutionCreates(String instance) {
    evolution.stubFor(
        WireMock.post(urlPathEqualTo("/instance/create"))
            .withRequestBody(matchingJsonPath("$.instanceName", equalTo(instance)))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"instance":{"instanceName":"%s","instanceId":"af6c5b7c-ee27-4f94-9ea8-192393746ddd",
                          "integration":"WHATSAPP-BAILEYS","webhookWaBusiness":null,
                          "accessTokenWaBusiness":"","status":"connecting"},
                         "hash":"%s","webhook":{},"websocket":{},
                         "rabbitmq":{},"sqs":{},
                         "settings":{"rejectCall":false,"msgCall":"","groupsIgnore":false,
                           "alwaysOnline":false,"readMessages":false,"readStatus":false,
                           "syncFullHistory":false},
                         "qrcode":{"pairingCode":"WZYEH1YY","code":"%s",
                           "base64":"data:image/png;base64,iVBORw0KGgo=","count":1}}"""
                            .formatted(instance, INSTANCE_TOKEN, QR_CODE))));
  }

  private void evolutionSetsWebhooks() {
    evolution.stubFor(
        WireMock.post(WireMock.urlPathMatching("/webhook/set/.*"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"id":"cm3b8k5y10001","url":"x","enabled":true,"events":["MESSAGES_UPSERT"],
                         "webhookByEvents":false,"webhookBase64":false}""")));
  }

  private String[] onboard(String id, String instance, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "tenants",
                "onboard",
                "--id",
                id,
                "--name",
                "Clínica " + id,
                "--instance",
                instance,
                "--system-prompt-patient",
                "Você atende os pacientes da " + id + ".",
                "--system-prompt-internal",
                "Você ajuda a equipe.",
                "--system-prompt-confirmation",
                "Confirme a consulta.",
                "--fallback-message",
                "Desculpe.",
                "--quota-exceeded-message",
                "Limite.",
                "--evolution-url",
                evolution.baseUrl(),
                "--evolution-api-key",
                EVOLUTION_KEY,
                "--webhook-secret",
                WEBHOOK_SECRET));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private List<String> secretNames(String tenantId) throws Exception {
    HttpResponse<String> names = admin("GET", "/api/tenants/" + tenantId + "/secrets", null);
    assertThat(names.statusCode()).as(names.body()).isEqualTo(200);
    List<String> found = new ArrayList<>();
    readTree(names.body()).get("names").forEach(name -> found.add(name.asText()));
    return found;
  }

  private static LoggedRequest only(List<LoggedRequest> requests) {
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @Test
  void oneCommandMakesAClinicThatAnswersItsFirstWhatsAppMessage() throws Exception {
    evolutionCreates("onb_first_instance");
    evolutionSetsWebhooks();

    CliRun run = cli(onboard("onb-first", "onb_first_instance"));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Created tenant onb-first.")
        .contains("Created Evolution instance onb_first_instance.")
        .contains("Or link with the phone number and this pairing code: WZYEH1YY")
        .contains(
            "Stored the token of onb_first_instance as the secret evolution_api_key of onb-first");
    assertThat(QrCodes.decode(run.out(), false)).isEqualTo(QR_CODE);
    assertThat(run.out() + run.err())
        .doesNotContain(WEBHOOK_SECRET)
        .doesNotContain(EVOLUTION_KEY)
        .doesNotContain(INSTANCE_TOKEN);
    assertThat(secretNames("onb-first")).containsExactly("evolution_api_key");

    evolution.verify(
        postRequestedFor(urlPathEqualTo("/instance/create"))
            .withHeader("apikey", equalTo(EVOLUTION_KEY))
            .withRequestBody(
                equalToJson(
                    """
                    {"instanceName":"onb_first_instance","qrcode":true,
                     "integration":"WHATSAPP-BAILEYS"}""")));
    String webhookUrl = baseUrl() + "/webhooks/evolution";
    LoggedRequest webhookSet =
        only(
            evolution.findAll(
                postRequestedFor(urlPathEqualTo("/webhook/set/onb_first_instance"))
                    .withHeader("apikey", equalTo(EVOLUTION_KEY))));
    assertThat(readTree(webhookSet.getBodyAsString()))
        .isEqualTo(
            readTree(
                """
                {"webhook":{"enabled":true,"url":"%s",
                  "headers":{"x-webhook-secret":"%s"},"byEvents":false,"base64":false,
                  "events":["MESSAGES_UPSERT","CONNECTION_UPDATE","QRCODE_UPDATED"]}}"""
                    .formatted(webhookUrl, WEBHOOK_SECRET)));

    // Evolution now delivers a patient's message exactly as it was told to: that URL, that header.
    JsonNode told = readTree(webhookSet.getBodyAsString()).get("webhook");
    String phone = nextPhone();
    HttpResponse<String> delivered =
        http.send(
            HttpRequest.newBuilder(URI.create(told.get("url").asText()))
                .header("Content-Type", "application/json")
                .header("x-webhook-secret", told.at("/headers/x-webhook-secret").asText())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        upsert("onb_first_instance", phone, "ONB-1", "oi, primeira vez aqui")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
    awaitTrue("the new clinic's first reply", () -> sends(phone).size() == 1);
    assertThat(sends(phone).get(0).getUrl()).isEqualTo("/message/sendText/onb_first_instance");
    // Sent with the instance's own token, not the global key.
    assertThat(sends(phone).get(0).getHeader("apikey")).isEqualTo(INSTANCE_TOKEN);
    assertThat(systemInstruction(geminiCallsMentioning("primeira vez aqui").get(0)))
        .contains("Você atende os pacientes da onb-first.");
  }

  @Test
  void runningItAgainFinishesWithWhatExistsAndAFreshQrCode() throws Exception {
    evolutionCreates("onb_again_instance");
    evolutionSetsWebhooks();
    assertThat(cli(onboard("onb-again", "onb_again_instance")).exit()).isZero();

    evolution.stubFor(
        WireMock.post(urlPathEqualTo("/instance/create"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.instanceName", equalTo("onb_again_instance")))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"status":403,"error":"Forbidden",
                         "response":{"message":["This name \\"onb_again_instance\\" is already in use."]}}""")));
    evolution.stubFor(
        WireMock.get(urlPathEqualTo("/instance/connect/onb_again_instance"))
            .willReturn(okJson("{\"pairingCode\":null,\"code\":\"" + QR_CODE + "\",\"count\":2}")));
    evolution.stubFor(
        WireMock.get(urlPathEqualTo("/instance/fetchInstances"))
            .withQueryParam("instanceName", equalTo("onb_again_instance"))
            .willReturn(
                okJson(
                    """
                    [{"id":"af6c5b7c-ee27-4f94-9ea8-192393746ddd","name":"onb_again_instance",
                      "connectionStatus":"connecting","integration":"WHATSAPP-BAILEYS",
                      "token":"%s","clientName":"evolution"}]"""
                        .formatted(INSTANCE_TOKEN))));
    admin("DELETE", "/api/tenants/onb-again/secrets/evolution_api_key", null);

    CliRun again = cli(onboard("onb-again", "onb_again_instance", "--invert-qr"));

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("Tenant onb-again exists already: using it.")
        .contains("Evolution instance onb_again_instance exists already: using it.")
        .contains("Stored the token of onb_again_instance");
    assertThat(secretNames("onb-again")).containsExactly("evolution_api_key");
    evolution.verify(
        getRequestedFor(urlPathEqualTo("/instance/fetchInstances"))
            .withHeader("apikey", equalTo(EVOLUTION_KEY)));
    assertThat(QrCodes.decode(again.out(), true)).isEqualTo(QR_CODE);
    evolution.verify(
        getRequestedFor(urlPathEqualTo("/instance/connect/onb_again_instance"))
            .withHeader("apikey", equalTo(EVOLUTION_KEY)));
    assertThat(
            evolution.findAll(postRequestedFor(urlPathEqualTo("/webhook/set/onb_again_instance"))))
        .hasSize(2);
  }

  @Test
  void theJsonSummaryCarriesTheCodeForScripts() throws Exception {
    evolutionCreates("onb_json_instance");
    evolutionSetsWebhooks();

    CliRun run =
        cli(
            onboard(
                "onb-json",
                "onb_json_instance",
                "--json",
                "--webhook-url",
                "https://cf.example/webhooks/evolution"));

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode summary = JSON.readTree(run.out());
    assertThat(summary.get("tenant_id").asText()).isEqualTo("onb-json");
    assertThat(summary.get("tenant_created").asBoolean()).isTrue();
    assertThat(summary.get("instance_created").asBoolean()).isTrue();
    assertThat(summary.get("qr_code").asText()).isEqualTo(QR_CODE);
    assertThat(summary.get("pairing_code").asText()).isEqualTo("WZYEH1YY");
    assertThat(summary.get("instance_token").asText()).isEqualTo("stored");
    assertThat(run.out()).doesNotContain(INSTANCE_TOKEN);
    assertThat(summary.get("webhook_url").asText())
        .isEqualTo("https://cf.example/webhooks/evolution");
    evolution.verify(
        postRequestedFor(urlPathEqualTo("/webhook/set/onb_json_instance"))
            .withRequestBody(
                matchingJsonPath(
                    "$.webhook.url", equalTo("https://cf.example/webhooks/evolution"))));
  }

  @Test
  void aCommandLineMissingEvolutionCreatesNothing() throws Exception {
    String[] args = onboard("onb-nothing", "onb_nothing_instance");
    List<String> withoutEvolution = new ArrayList<>(List.of(args));
    int at = withoutEvolution.indexOf("--evolution-url");
    withoutEvolution.subList(at, at + 2).clear();

    CliRun run =
        cliWithEnvironment(
            Map.of("CLINICFLOW_URL", baseUrl(), "CLINICFLOW_ADMIN_TOKEN", ADMIN),
            "",
            withoutEvolution.toArray(String[]::new));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--evolution-url");
    assertThat(admin("GET", "/api/tenants/onb-nothing", null).statusCode()).isEqualTo(404);
  }

  @Test
  void evolutionRefusingTheKeyIsExitOneAndUnreachableIsThree() throws Exception {
    evolution.stubFor(
        WireMock.post(urlPathEqualTo("/instance/create"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.instanceName", equalTo("onb_refused_instance")))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":401,\"error\":\"Unauthorized\",\"response\":{\"message\":\"Unauthorized\"}}")));
    CliRun refused = cli(onboard("onb-refused", "onb_refused_instance"));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .contains("Evolution could not create the instance")
        .contains("HTTP 401");
    assertThat(refused.out()).contains("Created tenant onb-refused.");

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String[] args = onboard("onb-refused", "onb_refused_instance");
    List<String> down = new ArrayList<>(List.of(args));
    down.set(down.indexOf("--evolution-url") + 1, "http://127.0.0.1:" + closed);
    CliRun unreachable = cli(down.toArray(String[]::new));
    assertThat(unreachable.exit()).isEqualTo(3);
    assertThat(unreachable.err()).contains("cannot connect to Evolution");
  }
}
