package com.clinicflow.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 7's acceptance "a conversation forced into needs attention (Gemini failing) appears in the
 * attention list, and {@code clinicflow conversations retry} completes it with exactly one reply",
 * through the real application: the conversations admin API, its CLI, and the decoded history of an
 * encrypted workflow (the shared app runs with a master key).
 */
class ConversationOperationsIT extends RunningClinicFlow {

  private static final String TENANT = "conv-ops";
  private static final String INSTANCE = "conv_ops_instance";

  /** The patient's words; Gemini refuses any request carrying them until the test heals it. */
  private static final String TEXT = "dente-quebrado-precisa-operador";

  @Autowired WorkflowClient temporal;

  @Test
  void aConversationGeminiFailedIsListedInspectedAndRetriedIntoExactlyOneReply() throws Exception {
    createClinic(TENANT, INSTANCE);
    StubMapping failing = geminiRefusesTheKeyFor(TEXT);
    String phone = nextPhone();
    String base = "/api/conversations/" + TENANT + "/" + phone;
    String workflowId = patientWrites(INSTANCE, phone, TEXT);
    assertThat(workflowId).isEqualTo("patient:" + TENANT + ":" + phone);

    // Gemini refuses the key (403, never retried): the fallback and NEEDS_ATTENTION at once. The
    // operator fixes the key, then retries.
    awaitTrue(
        "the conversation in the attention list",
        Duration.ofSeconds(60),
        () -> attention("?tenant_id=" + TENANT).toString().contains(phone));
    assertThat(sends(phone)).hasSize(1);
    assertThat(readTree(sends(phone).get(0).getBodyAsString()).get("text").asText())
        .isEqualTo("Fallback of " + TENANT);

    JsonNode listed = attention("?tenant_id=" + TENANT).get("conversations").get(0);
    assertThat(listed.get("workflow_id").asText()).isEqualTo(workflowId);
    assertThat(listed.get("status").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(listed.get("last_error").asText()).isNotBlank();
    assertThat(attention("").toString()).contains(phone);

    JsonNode shown = ok(admin("GET", base, null));
    assertThat(shown.get("workflow_running").asBoolean()).isTrue();
    assertThat(shown.get("status").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(shown.at("/live/last_error").asText()).isNotBlank();
    assertThat(shown.at("/stored/status").asText()).isEqualTo("NEEDS_ATTENTION");

    // The history is encrypted at rest and decoded for the operator.
    HttpResponse<String> history = admin("GET", base + "/history", null);
    assertThat(history.statusCode()).isEqualTo(200);
    assertThat(history.body()).contains(TEXT);
    assertThat(temporal.fetchHistory(workflowId).toProtoText(false))
        .doesNotContain(TEXT)
        .contains("binary/encrypted");
    JsonNode events = readTree(history.body()).get("events");
    assertThat(events.get(0).get("eventType").asText())
        .isEqualTo("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
    assertThat(
            events
                .get(0)
                .at("/workflowExecutionStartedEventAttributes/input/payloads/0/tenant_id")
                .asText())
        .isEqualTo(TENANT);
    // What the patient wrote waits in the workflow, not yet in the transcript: it is shown apart.
    JsonNode waiting = ok(admin("GET", base + "/transcript", null));
    assertThat(waiting.get("messages").toString()).doesNotContain(TEXT);
    assertThat(waiting.at("/unanswered/0/text").asText()).isEqualTo(TEXT);
    CliRun transcriptTable = cli("conversations", "transcript", TENANT, phone);
    assertThat(transcriptTable.exit()).as(transcriptTable.err()).isZero();
    assertThat(transcriptTable.out()).contains("Not answered yet", TEXT);

    CliRun listedByCli = cli("conversations", "attention", "--json");
    assertThat(listedByCli.exit()).as(listedByCli.err()).isZero();
    assertThat(readTree(listedByCli.out()).get("conversations").toString()).contains(phone);
    CliRun table = cli("conversations", "attention", "--tenant", TENANT);
    assertThat(table.exit()).isZero();
    assertThat(table.out()).contains(TENANT, phone, workflowId);
    CliRun historyTable = cli("conversations", "history", TENANT, phone);
    assertThat(historyTable.exit()).as(historyTable.err()).isZero();
    assertThat(historyTable.out()).contains("WORKFLOW_EXECUTION_STARTED", "PatientHandler");

    // The operator fixes the cause, then retries from the command line.
    gemini.removeStub(failing);
    CliRun retry = cli("conversations", "retry", TENANT, phone, "--by", "plantonista");
    assertThat(retry.exit()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("Retry sent to " + workflowId);

    awaitTrue("the reply after the retry", () -> sends(phone).size() == 2);
    awaitTrue(
        "the conversation active again",
        () -> "ACTIVE".equals(okQuietly(base).path("status").asText()));
    settle();
    assertThat(sends(phone)).hasSize(2);
    assertThat(readTree(sends(phone).get(1).getBodyAsString()).get("text").asText())
        .isEqualTo(REPLY);
    assertThat(attention("?tenant_id=" + TENANT).get("count").asInt()).isZero();
    assertThat(ok(admin("GET", base, null)).at("/stored/status").asText()).isEqualTo("ACTIVE");
    assertThat(admin("GET", base + "/history", null).body()).contains("plantonista");

    JsonNode answered = ok(admin("GET", base + "/transcript", null));
    assertThat(answered.get("unanswered")).isEmpty();
    JsonNode transcript = answered.get("messages");
    assertThat(transcript.get(0).at("/message/parts/0/text").asText()).contains(TEXT);
    assertThat(transcript.get(transcript.size() - 1).at("/message/parts/0/text").asText())
        .isEqualTo(REPLY);

    // Nothing waits any more: a second retry is refused and sends nothing.
    CliRun again = cli("conversations", "retry", TENANT, phone);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("409", "not_waiting");
    settle();
    assertThat(sends(phone)).hasSize(2);
  }

  /**
   * Gemini refused the clinic's key long enough to leave two patients waiting; after the fix one
   * {@code clinicflow conversations retry-all} answers both, exactly once each.
   */
  @Test
  void anOutageLeavesTwoPatientsWaitingAndOneRetryAllAnswersBoth() throws Exception {
    String tenant = "conv-retry-all";
    String instance = "conv_retry_all_instance";
    String words = "preciso-de-consulta-durante-a-queda";
    createClinic(tenant, instance);
    StubMapping failing = geminiRefusesTheKeyFor(words);
    List<String> phones = List.of(nextPhone(), nextPhone());
    for (String phone : phones) {
      patientWrites(instance, phone, words);
    }
    awaitTrue(
        "both conversations in the attention list",
        Duration.ofSeconds(60),
        () -> attention("?tenant_id=" + tenant).path("count").asInt() == 2);

    gemini.removeStub(failing);
    CliRun retryAll =
        cli("conversations", "retry-all", "--tenant", tenant, "--error", "unauthorized");
    assertThat(retryAll.exit()).as(retryAll.err()).isZero();
    assertThat(retryAll.out()).contains(phones.get(0), phones.get(1), "Retry sent to 2");

    for (String phone : phones) {
      awaitTrue("the reply after the retry", () -> sends(phone).size() == 2);
    }
    awaitTrue(
        "nothing waits any more",
        () -> attention("?tenant_id=" + tenant).path("count").asInt() == 0);
    settle();
    for (String phone : phones) {
      assertThat(sends(phone)).hasSize(2);
      assertThat(readTree(sends(phone).get(1).getBodyAsString()).get("text").asText())
          .isEqualTo(REPLY);
    }
    assertThat(okQuietly("/api/tenants/" + tenant + "/activity").toString())
        .contains("needs_attention");
  }

  /** Gemini answers 403 (never retried) to every request carrying {@code words}. */
  private StubMapping geminiRefusesTheKeyFor(String words) {
    return gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(WireMock.containing(words))
            .willReturn(PatientConversationIT.geminiRefusesTheKey()));
  }

  /**
   * What the patient wrote is refused by the model for good: a retry fails the same way, so the
   * operator skips the turn from the command line and the message that waited behind it is
   * answered, with the refused words kept out of memory and the transcript.
   */
  @Test
  void aTurnTheModelRefusesForGoodIsSkippedAndTheNextMessageAnswered() throws Exception {
    String tenant = "conv-skip";
    String instance = "conv_skip_instance";
    String refused = "palavras-que-o-modelo-recusa";
    createClinic(tenant, instance);
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(WireMock.containing(refused))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}")));
    String phone = nextPhone();
    String base = "/api/conversations/" + tenant + "/" + phone;
    String workflowId = patientWrites(instance, phone, refused);
    awaitTrue(
        "the conversation in the attention list",
        Duration.ofSeconds(60),
        () -> attention("?tenant_id=" + tenant).toString().contains("LLM_REFUSED"));
    patientWrites(instance, phone, "quero marcar uma limpeza");
    settle();
    assertThat(sends(phone)).hasSize(1);

    CliRun skip = cli("conversations", "skip", tenant, phone, "--by", "plantonista");
    assertThat(skip.exit()).as(skip.err()).isZero();
    assertThat(skip.out()).contains("Skip sent to " + workflowId);

    awaitTrue("the reply to the message after it", () -> sends(phone).size() == 2);
    awaitTrue(
        "the conversation active again",
        () -> "ACTIVE".equals(okQuietly(base).path("status").asText()));
    assertThat(readTree(sends(phone).get(1).getBodyAsString()).get("text").asText())
        .isEqualTo(REPLY);
    String transcript = ok(admin("GET", base + "/transcript", null)).toString();
    assertThat(transcript).contains("quero marcar uma limpeza").doesNotContain(refused);
    assertThat(okQuietly("/api/tenants/" + tenant + "/activity").toString())
        .contains("turn_skipped", "plantonista");
    assertThat(attention("?tenant_id=" + tenant).get("count").asInt()).isZero();
  }

  /**
   * A patient asks the clinic to erase their data: the running conversation ends, PostgreSQL keeps
   * nothing under their phone, the erasure is logged without it, a redelivery of the erased message
   * is a duplicate, and the patient's next message starts a conversation whose model call no longer
   * carries what they said before.
   */
  @Test
  void aPatientsErasureEndsTheConversationAndForgetsThem() throws Exception {
    String tenant = "conv-erase";
    String instance = "conv_erase_instance";
    String secret = "meu-diagnostico-confidencial";
    createClinic(tenant, instance);
    String phone = nextPhone();
    String base = "/api/conversations/" + tenant + "/" + phone;
    String delivery = upsert(instance, phone, "ID-ERASED-" + phone, secret);
    HttpResponse<String> first = webhook(delivery);
    assertThat(first.body()).contains("\"accepted\"");
    String workflowId = readTree(first.body()).get("workflow_id").asText();
    awaitTrue("the reply", () -> sends(phone).size() == 1);
    awaitTrue(
        "the turn recorded",
        () -> okQuietly("/api/tenants/" + tenant + "/activity").toString().contains("reply_sent"));
    awaitTrue(
        "the transcript saved", () -> okQuietly(base + "/transcript").path("messages").size() == 2);

    String clinicList = "/api/conversations?tenant_id=" + tenant;
    assertThat(ok(admin("GET", clinicList, null)).at("/conversations/0/contact").asText())
        .isEqualTo(phone);

    JsonNode erased = ok(admin("DELETE", base + "?requested_by=dpo", null));
    assertThat(erased.get("status").asText()).isEqualTo("erased");
    assertThat(erased.get("contacts").asInt()).isEqualTo(1);
    assertThat(erased.get("workflows_terminated").asInt()).isEqualTo(1);
    // The embedded Temporal server cannot delete executions.
    assertThat(erased.get("temporal_histories").asText()).isEqualTo("kept_until_retention");
    assertThat(erased.at("/erased/conversations").asInt()).isEqualTo(1);
    assertThat(erased.at("/erased/messages").asInt()).isEqualTo(2);
    assertThat(erased.at("/erased/sent_messages").asInt()).isEqualTo(1);
    assertThat(erased.at("/erased/received_messages").asInt()).isEqualTo(1);
    assertThat(erased.at("/erased/activity_lines").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(erased.toString()).doesNotContain(phone);

    assertThat(temporal.newUntypedWorkflowStub(workflowId).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(admin("GET", base, null).statusCode()).isEqualTo(404);
    assertThat(admin("GET", base + "/transcript", null).statusCode()).isEqualTo(404);
    assertThat(rowsMentioning(tenant, phone)).isZero();
    assertThat(ok(admin("GET", clinicList, null)).get("count").asInt()).isZero();
    String activity = okQuietly("/api/tenants/" + tenant + "/activity").toString();
    assertThat(activity).contains("patient_erased", "dpo").doesNotContain(phone);

    CliRun again = cli("conversations", "erase", tenant, phone, "--yes", "--json");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(readTree(again.out()).at("/erased/messages").asInt()).isZero();
    assertThat(readTree(again.out()).get("workflows_terminated").asInt()).isZero();

    // Evolution redelivers the erased message: a duplicate, not a new conversation with its words.
    HttpResponse<String> redelivered = webhook(delivery);
    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(readTree(redelivered.body()).get("status").asText()).isEqualTo("duplicate");
    assertThat(rowsMentioning(tenant, phone)).isZero();

    patientWrites(instance, phone, "oi, quero marcar uma consulta");
    awaitTrue("the reply in a new conversation", () -> sends(phone).size() == 2);
    List<LoggedRequest> calls = geminiCallsMentioning("quero marcar uma consulta");
    assertThat(calls.get(calls.size() - 1).getBodyAsString()).doesNotContain(secret);
  }

  /** Rows naming the phone in any table an erasure covers. */
  private int rowsMentioning(String tenant, String phone) {
    return jdbc.sql(
            """
            SELECT (SELECT count(*) FROM conversation WHERE tenant_id = :t AND contact LIKE :p)
                 + (SELECT count(*) FROM conversation_message
                     WHERE tenant_id = :t AND contact LIKE :p)
                 + (SELECT count(*) FROM outbound_message WHERE tenant_id = :t AND recipient LIKE :p)
                 + (SELECT count(*) FROM processed_message
                     WHERE tenant_id = :t AND workflow_id LIKE :p)
                 + (SELECT count(*) FROM tenant_activity_log
                     WHERE tenant_id = :t AND workflow_id LIKE :p)
            """)
        .param("t", tenant)
        .param("p", "%" + phone + "%")
        .query(Integer.class)
        .single();
  }

  @Test
  void unknownConversationsAre404AndEveryEndpointNeedsTheToken() throws Exception {
    String base = "/api/conversations/" + TENANT + "-none/5511000000000";
    HttpResponse<String> unknown = admin("GET", base, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(readTree(unknown.body()).get("error").asText()).isEqualTo("unknown_conversation");
    assertThat(admin("GET", base + "/history", null).statusCode()).isEqualTo(404);
    assertThat(admin("POST", base + "/retry", null).statusCode()).isEqualTo(404);
    CliRun show = cli("conversations", "show", TENANT + "-none", "5511000000000");
    assertThat(show.exit()).isEqualTo(1);
    assertThat(show.err()).contains("unknown_conversation");

    for (String[] call :
        List.of(
            new String[] {"GET", base},
            new String[] {"GET", base + "/transcript"},
            new String[] {"GET", base + "/history"},
            new String[] {"GET", "/api/conversations/attention"},
            new String[] {"POST", base + "/retry"})) {
      HttpResponse<String> response = call(call[0], call[1], null, null);
      assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
      assertThat(readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
      assertThat(call(call[0], call[1], "wrong-" + ADMIN, null).statusCode()).isEqualTo(401);
    }
  }

  private JsonNode attention(String query) {
    return okQuietly("/api/conversations/attention" + query);
  }

  private JsonNode okQuietly(String path) {
    try {
      return ok(admin("GET", path, null));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return readTree(response.body());
  }
}
