package com.clinicflow.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exit codes scripts rely on, against a fake ClinicFlow and a closed port. */
class CliExitCodesTest {

  static final WireMockServer api = new WireMockServer(options().dynamicPort());

  @BeforeAll
  static void start() {
    api.start();
  }

  @AfterAll
  static void stop() {
    api.stop();
  }

  record Run(int exit, String out, String err) {}

  static Run cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Cli.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Map<String, String> env() {
    return Map.of("CLINICFLOW_URL", api.baseUrl(), "CLINICFLOW_ADMIN_TOKEN", "t0ken");
  }

  @Test
  void helpIsZero() {
    Run run = cli(Map.of(), "help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Exit codes").contains("onboard");
    assertThat(cli(Map.of(), "tenants", "--help").exit()).isZero();
  }

  @Test
  void usageErrorsAreTwo() {
    api.resetRequests();
    assertThat(cli(env(), "tenants").exit()).isEqualTo(2);
    assertThat(cli(env(), "tenants", "frobnicate").exit()).isEqualTo(2);
    assertThat(cli(env(), "tenants", "show").exit()).isEqualTo(2);
    assertThat(cli(env(), "tenants", "list", "--colour", "red").exit()).isEqualTo(2);
    assertThat(cli(env(), "tenants", "update", "a").exit()).isEqualTo(2);
    Run run = cli(Map.of(), "tenants", "list", "--url", "not a url");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: ");
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  /** The JDK's refusal of such a header quotes it: the token would be printed with its trace. */
  @Test
  void aTokenThatCannotBeAHeaderIsAUsageErrorThatNeverPrintsIt() {
    api.resetRequests();
    Run run =
        cli(
            Map.of("CLINICFLOW_URL", api.baseUrl(), "CLINICFLOW_ADMIN_TOKEN", "s3cr3t\nt0ken"),
            "tenants",
            "list");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("CLINICFLOW_ADMIN_TOKEN").doesNotContain("s3cr3t");
    assertThat(run.out()).doesNotContain("s3cr3t");
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  @Test
  void anApiErrorIsOneWithTheApisMessage() {
    api.stubFor(
        get(urlPathEqualTo("/api/tenants/nobody"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"unknown_tenant\",\"message\":\"There is no tenant 'nobody'.\"}")));
    Run run = cli(env(), "tenants", "show", "nobody");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("HTTP 404 unknown_tenant: There is no tenant 'nobody'.");
  }

  @Test
  void aGatewayErrorWithoutJsonIsOneToo() {
    api.stubFor(
        get(urlPathEqualTo("/api/tenants"))
            .willReturn(aResponse().withStatus(502).withBody("<html>")));
    Run run = cli(env(), "tenants", "list");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("HTTP 502");
  }

  @Test
  void noServerIsThree() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Run run = cli(Map.of("CLINICFLOW_URL", "http://127.0.0.1:" + closed), "tenants", "list");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("cannot connect to ClinicFlow at http://127.0.0.1:" + closed);
  }

  @Test
  void theTokenIsSentAsBearerAndNeverPrinted() {
    api.stubFor(
        get(urlPathEqualTo("/api/tenants"))
            .withHeader(
                "Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer t0ken"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("[]")));
    Run run = cli(env(), "tenants", "list");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("No tenants.");
    assertThat(run.out() + run.err()).doesNotContain("t0ken");
  }
}
