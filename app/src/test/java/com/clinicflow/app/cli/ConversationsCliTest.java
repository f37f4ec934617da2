package com.clinicflow.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code clinicflow conversations}: its requests, its tables and its exit codes, on a fake API. */
class ConversationsCliTest {

  /** A fake ClinicFlow API, emptied before each test. */
  @RegisterExtension
  static final WireMockExtension api =
      WireMockExtension.newInstance().options(options().dynamicPort()).build();

  private Map<String, String> env() {
    return Map.of(
        "CLINICFLOW_URL", api.baseUrl(), "CLINICFLOW_ADMIN_TOKEN", "t0ken", "USER", "ana");
  }

  @Test
  void showPrintsLiveStateAndRecordOfALidContact() {
    api.stubFor(
        get(urlEqualTo("/api/conversations/clinica-x/lid%3A123"))
            .withHeader("Authorization", WireMock.equalTo("Bearer t0ken"))
            .willReturn(
                okJson(
                    """
                    {"tenant_id":"clinica-x","contact":"lid:123",
                     "workflow_id":"patient:clinica-x:lid:123","workflow_running":true,
                     "status":"NEEDS_ATTENTION",
                     "live":{"status":"NEEDS_ATTENTION","pending_messages":2,"turns_so_far":5,
                             "last_error":"UNAUTHORIZED"},
                     "stored":{"status":"NEEDS_ATTENTION","display_name":"Maria",
                               "needs_attention_since":"2025-11-10T11:00:00Z"}}""")));

    var run = CliExitCodesTest.cli(env(), "conversations", "show", "clinica-x", "lid:123");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("patient:clinica-x:lid:123")
        .contains("NEEDS_ATTENTION")
        .contains("UNAUTHORIZED")
        .contains("Maria")
        .contains("2025-11-10 11:00:00Z")
        .containsPattern("pending messages\\s+2")
        .doesNotContain("retries by itself");
  }

  @Test
  void showSaysWhenAWaitingConversationRetriesByItself() {
    api.stubFor(
        get(urlEqualTo("/api/conversations/clinica-x/5511"))
            .willReturn(
                okJson(
                    """
                    {"tenant_id":"clinica-x","contact":"5511",
                     "workflow_id":"patient:clinica-x:5511","workflow_running":true,
                     "status":"NEEDS_ATTENTION",
                     "live":{"status":"NEEDS_ATTENTION","pending_messages":0,"turns_so_far":1,
                             "last_error":"UPSTREAM_UNAVAILABLE",
                             "next_automatic_retry_at":"2025-11-10T11:35:00Z"}}""")));

    var run = CliExitCodesTest.cli(env(), "conversations", "show", "clinica-x", "5511");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("retries by itself at\\s+2025-11-10 11:35:00Z");
  }

  @Test
  void transcriptShowsAVoiceNotesWordsAndToolCallsByKind() {
    api.stubFor(
        get(urlEqualTo("/api/conversations/clinica-x/5511/transcript"))
            .willReturn(
                okJson(
                    """
                    {"tenant_id":"clinica-x","contact":"5511","limit":100,"messages":[
                     {"seq":1,"turn_key":"t1","position":0,"created_at":"2025-11-10T11:00:00Z",
                      "message":{"role":"USER","parts":[
                        {"media":{"tenant_id":"clinica-x","instance_name":"i",
                                  "provider_message_id":"3EB0","mime_type":"audio/ogg"},
                         "transcript":"Quero marcar amanhã."}]}},
                     {"seq":2,"turn_key":"t1","position":1,"created_at":"2025-11-10T11:00:01Z",
                      "message":{"role":"MODEL","parts":[
                        {"tool_call":{"id":"c1","name":"list_slots","args":{}}}]}},
                     {"seq":3,"turn_key":"t2","position":0,"created_at":"2025-11-10T11:05:00Z",
                      "message":{"role":"USER","parts":[
                        {"media":{"tenant_id":"clinica-x","instance_name":"i",
                                  "provider_message_id":"3EB1","mime_type":"audio/ogg"}}]}}]}""")));

    var run = CliExitCodesTest.cli(env(), "conversations", "transcript", "clinica-x", "5511");

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(1)).contains("user", "[voice note] Quero marcar amanhã.");
    assertThat(lines.get(2)).contains("model", "[tool_call]");
    assertThat(lines.get(3)).contains("user").endsWith("[voice note]");
  }

  @Test
  void transcriptNamesPhotosAndDocumentsWithWhatTheyShow() {
    api.stubFor(
        get(urlEqualTo("/api/conversations/clinica-x/5511/transcript"))
            .willReturn(
                okJson(
                    """
                    {"tenant_id":"clinica-x","contact":"5511","limit":100,"messages":[
                     {"seq":1,"turn_key":"t1","position":0,"created_at":"2025-11-10T11:00:00Z",
                      "message":{"role":"USER","parts":[
                        {"media":{"tenant_id":"clinica-x","instance_name":"i",
                                  "provider_message_id":"3EB2","mime_type":"image/jpeg"},
                         "transcript":"PEDIDO MÉDICO: ultrassom. A handwritten referral."},
                        {"text":"pode marcar?"}]}},
                     {"seq":2,"turn_key":"t2","position":0,"created_at":"2025-11-10T11:05:00Z",
                      "message":{"role":"USER","parts":[
                        {"media":{"tenant_id":"clinica-x","instance_name":"i",
                                  "provider_message_id":"3EB3","mime_type":"application/pdf"}}]}}]}""")));

    var run = CliExitCodesTest.cli(env(), "conversations", "transcript", "clinica-x", "5511");

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(1))
        .contains("user", "[photo] PEDIDO MÉDICO: ultrassom. A handwritten referral. pode marcar?");
    assertThat(lines.get(2)).contains("user").endsWith("[document]");
  }

  @Test
  void transcriptEndsWithWhatTheWorkflowHoldsUnanswered() {
    api.stubFor(
        get(urlEqualTo("/api/conversations/clinica-x/5511/transcript"))
            .willReturn(
                okJson(
                    """
                    {"tenant_id":"clinica-x","contact":"5511","limit":100,"messages":[
                     {"seq":1,"turn_key":"t1","position":0,"created_at":"2025-11-10T11:00:00Z",
                      "message":{"role":"USER","parts":[{"text":"Oi"}]}}],
                     "unanswered":[
                      {"sent_at":"2025-11-10T12:00:00Z","kind":"TEXT","text":"Ainda aí?"},
                      {"sent_at":"2025-11-10T12:01:00Z","kind":"AUDIO"}]}""")));

    var run = CliExitCodesTest.cli(env(), "conversations", "transcript", "clinica-x", "5511");

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    int held = lines.indexOf("Not answered yet (held by the conversation's workflow):");
    assertThat(held).isPositive();
    assertThat(lines.get(held + 2)).contains("2025-11-10 12:00:00Z", "text", "Ainda aí?");
    assertThat(lines.get(held + 3)).contains("2025-11-10 12:01:00Z", "audio");
  }

  @Test
  void retrySaysWhoAskedAndAConflictIsOne() {
    api.stubFor(
        post(urlEqualTo("/api/conversations/clinica-x/5511/retry"))
            .willReturn(
                okJson(
                        "{\"status\":\"signalled\",\"workflow_id\":\"patient:clinica-x:5511\","
                            + "\"requested_by\":\"cli:ana\"}")
                    .withStatus(202)));

    var run = CliExitCodesTest.cli(env(), "conversations", "retry", "clinica-x", "5511");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Retry sent to patient:clinica-x:5511");
    api.verify(
        postRequestedFor(urlEqualTo("/api/conversations/clinica-x/5511/retry"))
            .withRequestBody(equalToJson("{\"requested_by\":\"cli:ana\"}")));

    api.stubFor(
        post(urlEqualTo("/api/conversations/clinica-x/5512/retry"))
            .willReturn(
                okJson("{\"error\":\"not_waiting\",\"message\":\"The conversation is ACTIVE.\"}")
                    .withStatus(409)));
    var conflict =
        CliExitCodesTest.cli(env(), "conversations", "retry", "clinica-x", "5512", "--by", "bo");
    assertThat(conflict.exit()).isEqualTo(1);
    assertThat(conflict.err()).contains("HTTP 409 not_waiting");
    api.verify(
        postRequestedFor(urlEqualTo("/api/conversations/clinica-x/5512/retry"))
            .withRequestBody(equalToJson("{\"requested_by\":\"bo\"}")));
  }

  @Test
  void skipSendsTheSkipSignalSayingWhoAsked() {
    api.stubFor(
        post(urlEqualTo("/api/conversations/clinica-x/5513/skip"))
            .willReturn(
                okJson(
                        "{\"status\":\"signalled\",\"workflow_id\":\"patient:clinica-x:5513\","
                            + "\"requested_by\":\"bo\"}")
                    .withStatus(202)));

    var run =
        CliExitCodesTest.cli(env(), "conversations", "skip", "clinica-x", "5513", "--by", "bo");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Skip sent to patient:clinica-x:5513");
    api.verify(
        postRequestedFor(urlEqualTo("/api/conversations/clinica-x/5513/skip"))
            .withRequestBody(equalToJson("{\"requested_by\":\"bo\"}")));
    assertThat(CliExitCodesTest.cli(env(), "conversations", "skip", "clinica-x").exit())
        .isEqualTo(2);
  }

  @Test
  void eraseNeedsYesThenDeletesSayingWhoAskedAndPrintsTheCounts() {
    api.stubFor(
        WireMock.delete(urlEqualTo("/api/conversations/clinica-x/5513?requested_by=cli%3Aana"))
            .willReturn(
                okJson(
                    """
                    {"status":"erased","tenant_id":"clinica-x","contacts":2,
                     "workflows_terminated":1,"temporal_histories":"kept_until_retention",
                     "erased":{"conversations":2,"messages":14,"contact_links":1,
                               "sent_messages":7,"received_messages":7,"activity_lines":20},
                     "requested_by":"cli:ana"}
                    """)));

    var refused = CliExitCodesTest.cli(env(), "conversations", "erase", "clinica-x", "5513");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("cannot be undone", "--yes");
    api.verify(0, WireMock.anyRequestedFor(WireMock.anyUrl()));

    var run = CliExitCodesTest.cli(env(), "conversations", "erase", "clinica-x", "5513", "--yes");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("workflows terminated", "messages", "14", "kept_until_retention")
        .contains("Erase again in a minute");
    api.verify(
        WireMock.deleteRequestedFor(
            urlEqualTo("/api/conversations/clinica-x/5513?requested_by=cli%3Aana")));
  }

  @Test
  void listShowsAClinicsConversationsWithWhatTheirStatusNeeds() {
    api.stubFor(
        get(urlEqualTo("/api/conversations?tenant_id=clinica-x&status=PAUSED&limit=20"))
            .willReturn(
                okJson(
                    """
                    {"tenant_id":"clinica-x","status":"PAUSED","count":1,"conversations":[
                     {"tenant_id":"clinica-x","contact":"5511","workflow_id":"patient:clinica-x:5511",
                      "status":"PAUSED","display_name":"Maria",
                      "paused_until":"2025-11-10T15:00:00Z",
                      "last_inbound_at":"2025-11-10T11:00:00Z","last_reply_at":null}]}""")));

    var run =
        CliExitCodesTest.cli(
            env(), "conversations", "list", "clinica-x", "--status", "PAUSED", "--limit", "20");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("CONTACT", "5511", "Maria", "PAUSED", "paused until 2025-11-10 15:00:00Z");
  }

  @Test
  void attentionTableNamesTenantContactAndError() {
    api.stubFor(
        get(urlEqualTo("/api/conversations/attention?tenant_id=clinica-x&limit=5"))
            .willReturn(
                okJson(
                    """
                    {"tenant_id":"clinica-x","count":1,"conversations":[
                     {"tenant_id":"clinica-x","contact":"5511","workflow_id":"patient:clinica-x:5511",
                      "status":"NEEDS_ATTENTION","last_error":"UPSTREAM_UNAVAILABLE",
                      "needs_attention_since":"2025-11-10T11:00:00Z"}]}""")));

    var run =
        CliExitCodesTest.cli(
            env(), "conversations", "attention", "--tenant", "clinica-x", "--limit", "5");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines().toList().get(0)).contains("TENANT", "CONTACT", "SINCE", "ERROR");
    assertThat(run.out())
        .contains("5511", "UPSTREAM_UNAVAILABLE", "patient:clinica-x:5511")
        .contains("clinicflow conversations retry-all");
  }

  @Test
  void retryAllSendsTheFiltersAndSaysWhatWasSignalled() {
    api.stubFor(
        post(urlEqualTo("/api/conversations/attention/retry"))
            .withRequestBody(
                equalToJson(
                    """
                    {"requested_by":"cli:ana","tenant_id":"clinica-x",
                     "last_error":"UPSTREAM_UNAVAILABLE","limit":50}"""))
            .willReturn(
                WireMock.aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"requested_by":"cli:ana","signalled":1,"not_running":1,"conversations":[
                         {"tenant_id":"clinica-x","contact":"5511","workflow_id":"patient:clinica-x:5511",
                          "last_error":"UPSTREAM_UNAVAILABLE","outcome":"signalled"},
                         {"tenant_id":"clinica-x","contact":"5512","workflow_id":"patient:clinica-x:5512",
                          "last_error":"UPSTREAM_UNAVAILABLE","outcome":"not_running"}]}""")));

    var run =
        CliExitCodesTest.cli(
            env(),
            "conversations",
            "retry-all",
            "--tenant",
            "clinica-x",
            "--error",
            "UPSTREAM_UNAVAILABLE",
            "--limit",
            "50");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("5511", "5512", "not running")
        .contains("Retry sent to 1 conversation(s), 1 no longer running.");
    api.verify(1, postRequestedFor(urlEqualTo("/api/conversations/attention/retry")));
  }

  @Test
  void retryAllWithNothingWaitingSaysSoAndABadLimitIsAUsageError() {
    api.stubFor(
        post(urlEqualTo("/api/conversations/attention/retry"))
            .withRequestBody(equalToJson("{\"requested_by\":\"cli:ana\"}"))
            .willReturn(
                WireMock.aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"requested_by\":\"cli:ana\",\"signalled\":0,\"not_running\":0,"
                            + "\"conversations\":[]}")));

    var run = CliExitCodesTest.cli(env(), "conversations", "retry-all");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("No conversation needs attention.");

    assertThat(CliExitCodesTest.cli(env(), "conversations", "retry-all", "--limit", "many").exit())
        .isEqualTo(2);
    api.verify(1, postRequestedFor(urlEqualTo("/api/conversations/attention/retry")));
  }

  @Test
  void usageErrorsAreTwoAndAClosedPortIsThree() throws Exception {
    assertThat(CliExitCodesTest.cli(env(), "conversations").exit()).isEqualTo(2);
    assertThat(CliExitCodesTest.cli(env(), "conversations", "frobnicate").exit()).isEqualTo(2);
    assertThat(CliExitCodesTest.cli(env(), "conversations", "show", "only-tenant").exit())
        .isEqualTo(2);
    assertThat(CliExitCodesTest.cli(env(), "conversations", "attention", "--colour", "red").exit())
        .isEqualTo(2);
    assertThat(api.getAllServeEvents()).isEmpty();

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    var run =
        CliExitCodesTest.cli(
            Map.of("CLINICFLOW_URL", "http://127.0.0.1:" + closed), "conversations", "attention");
    assertThat(run.exit()).isEqualTo(3);
  }

  @Test
  void helpNamesTheConversationsCommands() {
    var run = CliExitCodesTest.cli(Map.of(), "conversations", "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "conversations attention",
            "conversations retry",
            "conversations retry-all",
            "conversations skip");
  }
}
