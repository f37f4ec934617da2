package com.clinicflow.activities.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.google.GoogleCredentialSource;
import com.clinicflow.activities.google.GoogleHttp;
import com.clinicflow.activities.google.GoogleProperties;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.google.api.client.http.HttpTransport;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google Tasks against a fake speaking Google's wire format, with a real token exchange (an
 * authorized-user credentials file whose token_uri points at the fake), and the sandbox lists.
 */
class TaskBoardTest {

  static final String LIST = "MDk1NTEyMDM0NjQ3";
  static final WireMockServer google = new WireMockServer(options().dynamicPort());

  @TempDir Path dir;
  TaskBoard board;

  @BeforeAll
  static void start() {
    google.start();
  }

  @AfterAll
  static void stop() {
    google.stop();
  }

  @BeforeEach
  void setUp() throws Exception {
    google.resetAll();
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("alpha", "alpha_instance", -100L);
    tokenExchangeAnswers();
    Path credentials = dir.resolve("credentials.json");
    Files.writeString(
        credentials,
        """
        {"type":"authorized_user","client_id":"cid.apps.googleusercontent.com",
         "client_secret":"csecret","refresh_token":"1//refresh","token_uri":"%s/token"}"""
            .formatted(google.baseUrl()));
    board = board(GoogleProperties.of(credentials.toString(), google.baseUrl()));
  }

  /** The board the configuration makes, for clinics without secrets of their own. */
  static TaskBoard board(GoogleProperties properties) {
    HttpTransport transport = GoogleHttp.newTransport();
    TenantSecrets none = (tenantId, name) -> Optional.empty();
    return new TasksConfiguration()
        .taskBoard(
            properties,
            new GoogleCredentialSource(properties, none, GoogleHttp.factory(transport)),
            transport,
            EmbeddedDatabase.dataSource());
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(body);
  }

  static final String TASK =
      """
      {"kind":"tasks#task","id":"dGFzay0x","etag":"\\"LTE2\\"","title":"Ligar para o laboratório",
       "updated":"2026-11-13T12:00:00.000Z","selfLink":"https://www.googleapis.com/tasks/v1/lists/%s/tasks/dGFzay0x",
       "position":"00000000000000000000","notes":"resultado da Ana","status":"%s",
       "due":"2026-11-14T00:00:00.000Z","links":[],"webViewLink":"https://tasks.google.com/task/x"}""";

  @Test
  void openTasksAreListedWithTheExchangedAccessToken() {
    google.stubFor(
        get(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks"))
            .willReturn(
                json(
                    200,
                    "{\"kind\":\"tasks#tasks\",\"etag\":\"\\\"x\\\"\",\"items\":["
                        + TASK.formatted(LIST, "needsAction")
                        + "]}")));

    assertThat(board.open("alpha", LIST))
        .containsExactly(
            new StaffTask(
                "dGFzay0x",
                "Ligar para o laboratório",
                "resultado da Ana",
                LocalDate.of(2026, 11, 14),
                "needsAction"));
    google.verify(
        getRequestedFor(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks"))
            .withQueryParam("showCompleted", equalTo("false"))
            .withHeader("Authorization", equalTo("Bearer ya29.test-access")));
    google.verify(
        postRequestedFor(urlPathEqualTo("/token"))
            .withRequestBody(containing("grant_type=refresh_token"))
            .withRequestBody(containing("refresh_token=1%2F%2Frefresh")));
  }

  @Test
  void aTaskIsCreatedOncePerKey() {
    google.stubFor(
        post(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks"))
            .willReturn(json(200, TASK.formatted(LIST, "needsAction"))));
    google.stubFor(
        get(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks/dGFzay0x"))
            .willReturn(json(200, TASK.formatted(LIST, "needsAction"))));

    StaffTask first =
        board.create(
            "alpha",
            LIST,
            "Ligar para o laboratório",
            "resultado da Ana",
            LocalDate.of(2026, 11, 14),
            "turn-1:create_task:ab");
    StaffTask again =
        board.create(
            "alpha",
            LIST,
            "Ligar para o laboratório",
            "resultado da Ana",
            LocalDate.of(2026, 11, 14),
            "turn-1:create_task:ab");

    assertThat(again).isEqualTo(first);
    google.verify(
        1,
        postRequestedFor(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks"))
            .withRequestBody(
                equalToJson(
                    """
                    {"title":"Ligar para o laboratório","notes":"resultado da Ana",
                     "due":"2026-11-14T00:00:00.000Z"}""")));
  }

  @Test
  void completingPatchesTheStatus() {
    google.stubFor(
        patch(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks/dGFzay0x"))
            .willReturn(json(200, TASK.formatted(LIST, "completed"))));

    assertThat(board.complete("alpha", LIST, "dGFzay0x").status()).isEqualTo("completed");
    google.verify(
        patchRequestedFor(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks/dGFzay0x"))
            .withRequestBody(equalToJson("{\"status\":\"completed\"}")));
  }

  @Test
  void anUnknownTaskIsNotFoundAndRateLimitsAreRetryable() {
    google.stubFor(
        patch(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks/nope"))
            .willReturn(
                json(
                    404,
                    """
                    {"error":{"code":404,"message":"Not Found",
                     "errors":[{"domain":"global","reason":"notFound","message":"Not Found"}]}}""")));
    google.stubFor(
        get(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks"))
            .willReturn(
                json(
                    403,
                    """
                    {"error":{"code":403,"message":"Rate Limit Exceeded",
                     "errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded",
                                "message":"Rate Limit Exceeded"}]}}""")));

    assertThatThrownBy(() -> board.complete("alpha", LIST, "nope"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("NOT_FOUND"));
    assertThatThrownBy(() -> board.open("alpha", LIST))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("RATE_LIMITED");
              assertThat(f.isNonRetryable()).isFalse();
            });
  }

  /**
   * A revoked grant will not come back on a retry: like the calendar, the call waits for an
   * operator at once instead of spending its whole retry budget. A daily quota waits 10 s.
   */
  @Test
  void aRevokedGrantIsUnauthorizedForGoodAndAQuotaWaitsBeforeItsRetry() {
    google.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                json(
                    400,
                    """
                    {"error":"invalid_grant","error_description":"Token has been expired or revoked."}""")));

    assertThatThrownBy(() -> board.open("alpha", LIST))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("UNAUTHORIZED");
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).doesNotContain("1//refresh");
            });

    google.resetAll();
    tokenExchangeAnswers();
    google.stubFor(
        get(urlPathEqualTo("/tasks/v1/lists/" + LIST + "/tasks"))
            .willReturn(
                json(
                    403,
                    """
                    {"error":{"code":403,"message":"Quota Exceeded",
                     "errors":[{"domain":"usageLimits","reason":"quotaExceeded","message":"x"}]}}""")));
    assertThatThrownBy(() -> board.open("alpha", LIST))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("RATE_LIMITED");
              assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(10));
            });
  }

  /** The fake's token endpoint exchanges the refresh token for an access token. */
  private static void tokenExchangeAnswers() {
    google.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                json(
                    200,
                    """
                    {"access_token":"ya29.test-access","expires_in":3600,"token_type":"Bearer"}""")));
  }

  @Test
  void withoutCredentialsTheListLivesInPostgres() {
    TaskBoard sandbox = board(GoogleProperties.of(null, null));

    StaffTask made =
        sandbox.create("alpha", LIST, "Repor luvas", null, null, "turn-2:create_task:cd");
    sandbox.create("alpha", LIST, "Repor luvas", null, null, "turn-2:create_task:cd");
    assertThat(sandbox.open("alpha", LIST)).containsExactly(made);
    assertThat(sandbox.open("beta", LIST)).isEmpty();

    sandbox.complete("alpha", LIST, made.id());
    assertThat(sandbox.open("alpha", LIST)).isEmpty();
    assertThat(google.getAllServeEvents()).isEmpty();
  }
}
