package com.clinicflow.activities.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Which Google account a clinic's tasks go to, through the configuration and its real {@code
 * clinicflow.google.*} properties: the clinic's own {@code google_credentials} secret, else the
 * shared file, else the PostgreSQL sandbox. The fake token endpoint gives every credential its own
 * access token, and the fake Tasks API answers each token with that account's list, so the
 * Authorization header proves whose account was used.
 */
class PerClinicTaskBoardTest {

  @RegisterExtension
  static WireMockExtension google =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static final String LIST = "MDk1NTEyMDM0NjQ3";
  static final String TASKS_PATH = "/tasks/v1/lists/" + LIST + "/tasks";

  @TempDir Path dir;
  final Map<String, String> ownCredentials = new ConcurrentHashMap<>();
  final TenantSecrets secrets =
      (tenantId, name) ->
          TenantSecrets.GOOGLE_CREDENTIALS.equals(name)
              ? Optional.ofNullable(ownCredentials.get(tenantId))
              : Optional.empty();
  ApplicationContextRunner context;

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("alpha", "alpha_instance", null);
    EmbeddedDatabase.insertTenant("beta", "beta_instance", null);
    account("alpha-refresh", "ya29.alpha", "Tarefa da conta da alpha");
    account("shared-refresh", "ya29.shared", "Tarefa da conta compartilhada");
    google.stubFor(any(urlPathMatching("/tasks/.*")).atPriority(10).willReturn(unauthorized()));
    context =
        new ApplicationContextRunner()
            .withBean(DataSource.class, EmbeddedDatabase::dataSource)
            .withBean(TenantSecrets.class, () -> secrets)
            .withUserConfiguration(TasksConfiguration.class)
            .withPropertyValues("clinicflow.google.root-url=" + google.baseUrl() + "/");
  }

  @Test
  void aClinicWithItsOwnSecretUsesGoogleWithItsOwnTokenAndAnotherTheSandbox() {
    ownCredentials.put("alpha", credentials("alpha-refresh"));

    context.run(
        ctx -> {
          TaskBoard board = ctx.getBean(TaskBoard.class);

          assertThat(board.open("alpha", LIST))
              .extracting(StaffTask::title)
              .containsExactly("Tarefa da conta da alpha");
          StaffTask local = board.create("beta", LIST, "Repor luvas", null, null, "turn-1:ab");
          assertThat(local.id()).startsWith("sandbox-");
          assertThat(board.open("beta", LIST)).containsExactly(local);
        });

    google.verify(
        1,
        getRequestedFor(urlPathEqualTo(TASKS_PATH)).withHeader("Authorization", bearer("alpha")));
    google.verify(1, anyRequestedFor(urlPathMatching("/tasks/.*")));
  }

  @Test
  void withASharedFileAClinicsOwnSecretStillWinsAndAnotherUsesTheSharedAccount() throws Exception {
    ownCredentials.put("alpha", credentials("alpha-refresh"));

    context
        .withPropertyValues("clinicflow.google.credentials-file=" + sharedFile())
        .run(
            ctx -> {
              TaskBoard board = ctx.getBean(TaskBoard.class);

              assertThat(board.open("alpha", LIST))
                  .extracting(StaffTask::title)
                  .containsExactly("Tarefa da conta da alpha");
              assertThat(board.open("beta", LIST))
                  .extracting(StaffTask::title)
                  .containsExactly("Tarefa da conta compartilhada");
            });

    google.verify(
        1,
        getRequestedFor(urlPathEqualTo(TASKS_PATH)).withHeader("Authorization", bearer("alpha")));
    google.verify(
        1,
        getRequestedFor(urlPathEqualTo(TASKS_PATH)).withHeader("Authorization", bearer("shared")));
  }

  @Test
  void aClinicGivenItsOwnSecretGoesLiveWithoutARestart() {
    context.run(
        ctx -> {
          TaskBoard board = ctx.getBean(TaskBoard.class);
          assertThat(board.open("alpha", LIST)).isEmpty();
          assertThat(google.getAllServeEvents()).isEmpty();

          ownCredentials.put("alpha", credentials("alpha-refresh"));

          assertThat(board.open("alpha", LIST))
              .extracting(StaffTask::title)
              .containsExactly("Tarefa da conta da alpha");
        });
  }

  @Test
  void aCallSlowerThanTheGoogleTimeoutIsARetryableUpstreamFailure() throws Exception {
    google.stubFor(
        get(urlPathEqualTo(TASKS_PATH))
            .atPriority(1)
            .willReturn(okJson("{\"kind\":\"tasks#tasks\",\"items\":[]}").withFixedDelay(3_000)));

    context
        .withPropertyValues(
            "clinicflow.google.credentials-file=" + sharedFile(), "clinicflow.google.timeout=300ms")
        .run(
            ctx -> {
              TaskBoard board = ctx.getBean(TaskBoard.class);
              long start = System.nanoTime();

              ApplicationFailure failure =
                  catchThrowableOfType(ApplicationFailure.class, () -> board.open("beta", LIST));

              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isLessThan(Duration.ofSeconds(2));
              assertThat(failure.getType()).isEqualTo("UPSTREAM_UNAVAILABLE");
              assertThat(failure.isNonRetryable()).isFalse();
            });
  }

  @Test
  void aClinicsMalformedSecretIsAConfigurationFailureThatDoesNotQuoteIt() {
    ownCredentials.put("alpha", "{\"type\":\"authorized_user\",\"client_secret\":\"s3cr3t-value\"");

    context.run(
        ctx -> {
          ApplicationFailure failure =
              catchThrowableOfType(
                  ApplicationFailure.class, () -> ctx.getBean(TaskBoard.class).open("alpha", LIST));

          assertThat(failure.getType()).isEqualTo("CONFIGURATION");
          assertThat(failure).hasMessageNotContaining("s3cr3t-value");
        });
  }

  @Test
  void theStartupLineSaysSandboxAndThatClinicsWithTheirOwnSecretUseGoogle() {
    context.run(
        ctx -> {
          IntegrationStatus status = ctx.getBean(IntegrationStatus.class);
          assertThat(status.live()).isFalse();
          assertThat(status.detail())
              .contains("no clinicflow.google.credentials-file")
              .contains("clinics with their own google_credentials secret use Google");
        });
  }

  @Test
  void withSharedCredentialsTasksGoesToItsOwnHostUnlessARootIsSet() throws Exception {
    String file = sharedFile();
    new ApplicationContextRunner()
        .withBean(DataSource.class, EmbeddedDatabase::dataSource)
        .withBean(TenantSecrets.class, () -> secrets)
        .withUserConfiguration(TasksConfiguration.class)
        .withPropertyValues("clinicflow.google.credentials-file=" + file)
        .run(
            ctx ->
                assertThat(ctx.getBean(IntegrationStatus.class))
                    .isEqualTo(
                        new IntegrationStatus(
                            "google-tasks", true, "https://tasks.googleapis.com/")));
    context
        .withPropertyValues("clinicflow.google.credentials-file=" + file)
        .run(
            ctx ->
                assertThat(ctx.getBean(IntegrationStatus.class).detail())
                    .isEqualTo(google.baseUrl() + "/"));
  }

  /** A Google account: its refresh token exchanges for its access token, which reads its list. */
  private static void account(String refreshToken, String accessToken, String taskTitle) {
    google.stubFor(
        post(urlPathEqualTo("/token"))
            .withRequestBody(containing("refresh_token=" + refreshToken))
            .willReturn(
                okJson(
                    "{\"access_token\":\""
                        + accessToken
                        + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    google.stubFor(
        get(urlPathEqualTo(TASKS_PATH))
            .withHeader("Authorization", equalTo("Bearer " + accessToken))
            .willReturn(
                okJson(
                    """
                    {"kind":"tasks#tasks","items":[{"kind":"tasks#task","id":"dGFzay0x",
                     "title":"%s","status":"needsAction","updated":"2026-11-13T12:00:00.000Z"}]}"""
                        .formatted(taskTitle))));
  }

  private static ResponseDefinitionBuilder unauthorized() {
    return aResponse()
        .withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"error":{"code":401,"message":"Request had invalid authentication credentials.",
             "status":"UNAUTHENTICATED"}}""");
  }

  private static StringValuePattern bearer(String who) {
    return equalTo("Bearer ya29." + who);
  }

  private static String credentials(String refreshToken) {
    return """
        {"type":"authorized_user","client_id":"cid.apps.googleusercontent.com",
         "client_secret":"csecret","refresh_token":"%s","token_uri":"%s/token"}"""
        .formatted(refreshToken, google.baseUrl());
  }

  private String sharedFile() throws Exception {
    Path file = dir.resolve("shared-credentials.json");
    Files.writeString(file, credentials("shared-refresh"));
    return file.toString();
  }
}
