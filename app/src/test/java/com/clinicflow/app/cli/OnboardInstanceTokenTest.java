package com.clinicflow.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code tenants onboard} does with the instance's own Evolution token when the running server
 * cannot take it or Evolution does not show it, on a fake admin API and a fake Evolution
 * (TenantOnboardingIT covers the token stored by the real server and then used to send).
 */
class OnboardInstanceTokenTest {

  private static final String TOKEN = "0F3C9A1E-5B7D-4E2F-9C8A-1D6B3E5F7A90";
  private static final WireMockServer api = new WireMockServer(options().dynamicPort());
  private static final WireMockServer evolution = new WireMockServer(options().dynamicPort());

  @BeforeAll
  static void start() {
    api.start();
    evolution.start();
  }

  @AfterAll
  static void stop() {
    api.stop();
    evolution.stop();
  }

  @BeforeEach
  void fakes() {
    api.resetAll();
    evolution.resetAll();
    api.stubFor(
        get(urlPathEqualTo("/api/tenants/clinica-t")).willReturn(aResponse().withStatus(404)));
    api.stubFor(
        post(urlPathEqualTo("/api/tenants"))
            .willReturn(okJson("{\"tenant_id\":\"clinica-t\"}").withStatus(201)));
    api.stubFor(
        put(urlPathMatching("/api/tenants/clinica-t/secrets/.*"))
            .willReturn(aResponse().withStatus(204)));
    evolution.stubFor(
        post(urlPathEqualTo("/webhook/set/t_instance")).willReturn(okJson("{}").withStatus(201)));
    evolution.stubFor(
        get(urlPathEqualTo("/instance/connect/t_instance"))
            .willReturn(
                okJson("{\"instance\":{\"instanceName\":\"t_instance\",\"state\":\"open\"}}")));
  }

  private void secretsEnabled(boolean enabled) {
    api.stubFor(
        get(urlPathEqualTo("/api/tenants/clinica-t/secrets"))
            .willReturn(
                okJson(
                    "{\"tenant_id\":\"clinica-t\",\"secrets_enabled\":"
                        + enabled
                        + ",\"names\":[]}")));
  }

  private void evolutionCreatesWithHash(String hash) {
    evolution.stubFor(
        post(urlPathEqualTo("/instance/create"))
            .willReturn(
                okJson(
                        "{\"instance\":{\"instanceName\":\"t_instance\",\"status\":\"created\"},"
                            + "\"hash\":"
                            + hash
                            + "}")
                    .withStatus(201)));
  }

  private static CliExitCodesTest.Run onboard() {
    return CliExitCodesTest.cli(
        Map.of("CLINICFLOW_URL", api.baseUrl(), "CLINICFLOW_ADMIN_TOKEN", "t0ken"),
        "tenants",
        "onboard",
        "--id",
        "clinica-t",
        "--name",
        "Clínica T",
        "--instance",
        "t_instance",
        "--system-prompt-patient",
        "p",
        "--system-prompt-internal",
        "i",
        "--system-prompt-confirmation",
        "c",
        "--fallback-message",
        "f",
        "--quota-exceeded-message",
        "q",
        "--evolution-url",
        evolution.baseUrl(),
        "--evolution-api-key",
        "global-key",
        "--webhook-secret",
        "s3cret",
        "--json");
  }

  @Test
  void aServerWithoutMasterKeyKeepsSendingWithTheGlobalKey() throws Exception {
    secretsEnabled(false);
    evolutionCreatesWithHash("\"" + TOKEN + "\"");

    CliExitCodesTest.Run run = onboard();

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("The instance's own token was not stored: the server has no master key");
    assertThat(summary(run).get("instance_token").asText()).isEqualTo("secrets_disabled");
    api.verify(0, putRequestedFor(urlPathMatching("/api/tenants/clinica-t/secrets/.*")));
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
  }

  @Test
  void theOlderHashObjectIsReadToo() throws Exception {
    secretsEnabled(true);
    evolutionCreatesWithHash("{\"apikey\":\"" + TOKEN + "\"}");

    CliExitCodesTest.Run run = onboard();

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(summary(run).get("instance_token").asText()).isEqualTo("stored");
    api.verify(
        putRequestedFor(urlPathEqualTo("/api/tenants/clinica-t/secrets/evolution_api_key"))
            .withHeader("Authorization", equalTo("Bearer t0ken"))
            .withRequestBody(equalToJson("{\"value\":\"" + TOKEN + "\"}")));
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
  }

  @Test
  void anExistingInstanceWhoseTokenEvolutionHidesIsNoFailure() throws Exception {
    secretsEnabled(true);
    evolution.stubFor(
        post(urlPathEqualTo("/instance/create"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":403,\"error\":\"Forbidden\",\"response\":{\"message\":"
                            + "[\"This name \\\"t_instance\\\" is already in use.\"]}}")));
    evolution.stubFor(
        get(urlPathEqualTo("/instance/fetchInstances"))
            .withQueryParam("instanceName", equalTo("t_instance"))
            .willReturn(okJson("[{\"name\":\"t_instance\",\"connectionStatus\":\"open\"}]")));

    CliExitCodesTest.Run run = onboard();

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("Evolution did not show the token of t_instance")
        .contains("clinicflow tenants set-secret clinica-t evolution_api_key");
    assertThat(summary(run).get("instance_token").asText()).isEqualTo("not_given");
    api.verify(0, putRequestedFor(urlPathMatching("/api/tenants/clinica-t/secrets/.*")));
  }

  private static com.fasterxml.jackson.databind.JsonNode summary(CliExitCodesTest.Run run)
      throws Exception {
    return JsonHttp.JSON.readTree(run.out());
  }
}
