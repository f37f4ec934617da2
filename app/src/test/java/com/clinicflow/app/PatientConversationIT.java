package com.clinicflow.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The patient conversation against the running application: embedded PostgreSQL and Temporal, real
 * HTTP in, and fakes only at the HTTP edge (WireMock speaking Gemini's and Evolution's wire
 * formats). Each test uses its own phone number, so they share one application.
 */
@SpringBootTest(
    classes = ClinicFlowApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot tests switch metric exporters off unless asked: /actuator/prometheus is under test.
@AutoConfigureObservability(tracing = false)
class PatientConversationIT {

  static final String SECRET = "webhook-secret-for-tests";
  static final String ADMIN = "admin-token-for-tests";
  static final String GEMINI_PATH = "/v1beta/models/gemini-2.5-flash:generateContent";
  static final ObjectMapper JSON = new ObjectMapper();

  static final WireMockServer gemini = new WireMockServer(options().dynamicPort());
  static final WireMockServer evolution = new WireMockServer(options().dynamicPort());
  static final AtomicLong phones = new AtomicLong(5511900001000L);
  static boolean clinicsCreated;

  static {
    gemini.start();
    evolution.start();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    registry.add("clinicflow.data-dir", () -> tempDir());
    registry.add("clinicflow.temporal.embedded-port", TestPorts::free);
    registry.add("clinicflow.admin.token", () -> ADMIN);
    registry.add("clinicflow.evolution.webhook-secret", () -> SECRET);
    registry.add("clinicflow.evolution.base-url", evolution::baseUrl);
    registry.add("clinicflow.evolution.api-key", () -> "evolution-global-key");
    registry.add("clinicflow.gemini.base-url", () -> gemini.baseUrl() + "/");
    registry.add("clinicflow.gemini.api-key", () -> "gemini-test-key");
    registry.add("clinicflow.conversation.debounce", () -> "PT1S");
    registry.add("clinicflow.conversation.max-burst-wait", () -> "PT5S");
  }

  static String tempDir() {
    try {
      return Files.createTempDirectory("clinicflow-it").toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopFakes() {
    gemini.stop();
    evolution.stop();
  }

  @BeforeEach
  void fakesAndClinics() throws Exception {
    gemini.resetAll();
    evolution.resetAll();
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(10)
            .willReturn(okJson(geminiText("Olá! Posso ajudar a marcar sua consulta."))));
    evolution.stubFor(
        WireMock.post(urlPathMatching("/message/sendText/.*"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"key":{"remoteJid":"5511900000001@s.whatsapp.net","fromMe":true,
                         "id":"BAE5F5A632EAE722"},"message":{"conversation":"ok"},
                         "messageTimestamp":1717689097,"status":"PENDING"}""")));
    evolution.stubFor(
        WireMock.post(urlPathMatching("/chat/getBase64FromMediaMessage/.*"))
            .willReturn(
                okJson(
                    """
                    {"mediaType":"audioMessage","fileName":"audio.oga","size":{"fileLength":4},
                     "mimetype":"audio/ogg; codecs=opus","base64":"AQIDBA==","buffer":null}""")));
    if (!clinicsCreated) {
      createClinic("alpha", "alpha_instance", 100, true);
      createClinic("beta", "beta_instance", 100, true);
      createClinic("gamma", "gamma_instance", 100, false);
      createClinic("delta", "delta_instance", 0, true);
      clinicsCreated = true;
    }
  }

  // ---- the acceptance of issue 3 -------------------------------------------------------------

  @Test
  void aTextMessageGetsExactlyOneReplyWithTheExactSendTextRequest() throws Exception {
    JsonNode ack = accepted(post(fixture("alpha_instance"), SECRET));
    assertThat(ack.get("workflow_id").asText()).isEqualTo("patient:alpha:5511900000001");

    awaitTrue(() -> sends("5511900000001").size() == 1);
    settle();
    List<LoggedRequest> sent = sends("5511900000001");
    assertThat(sent).hasSize(1);
    evolution.verify(
        postRequestedFor(urlPathEqualTo("/message/sendText/alpha_instance"))
            .withHeader("apikey", equalTo("evolution-global-key"))
            .withRequestBody(
                equalToJson(
                    """
                    {"number":"5511900000001","text":"Olá! Posso ajudar a marcar sua consulta.",
                     "delay":0,"linkPreview":false}""")));
    JsonNode geminiRequest = geminiRequestsMentioning("ola, bom dia").get(0);
    assertThat(geminiRequest.at("/systemInstruction/parts/0/text").asText())
        .contains("Clinic alpha prompt")
        .contains("Paciente Exemplo");
  }

  @Test
  void threeConcurrentDeliveriesOfOneMessageGetOneReply() throws Exception {
    String phone = nextPhone();
    String body = upsert("alpha_instance", phone, "DUP-" + phone, "Quero remarcar");
    List<CompletableFuture<HttpResponse<String>>> copies =
        IntStream.range(0, 3).mapToObj(i -> postAsync(body, SECRET)).toList();
    List<String> statuses = new ArrayList<>();
    for (var copy : copies) {
      HttpResponse<String> response = copy.get();
      assertThat(response.statusCode()).isEqualTo(200);
      statuses.add(JSON.readTree(response.body()).get("status").asText());
    }
    assertThat(statuses).containsExactlyInAnyOrder("accepted", "duplicate", "duplicate");

    awaitTrue(() -> sends(phone).size() == 1);
    settle();
    assertThat(sends(phone)).hasSize(1);
    assertThat(geminiRequestsMentioning("Quero remarcar")).hasSize(1);
  }

  @Test
  void threeMessages200MillisecondsApartAreOneGeminiCallAndOneReply() throws Exception {
    String phone = nextPhone();
    accepted(post(upsert("alpha_instance", phone, "B1-" + phone, "Oi"), SECRET));
    Thread.sleep(200);
    accepted(post(upsert("alpha_instance", phone, "B2-" + phone, "quero marcar"), SECRET));
    Thread.sleep(200);
    accepted(post(upsert("alpha_instance", phone, "B3-" + phone, "amanhã cedo"), SECRET));

    awaitTrue(() -> sends(phone).size() == 1);
    settle();
    assertThat(sends(phone)).hasSize(1);
    List<JsonNode> calls = geminiRequestsMentioning("amanhã cedo");
    assertThat(calls).hasSize(1);
    JsonNode lastTurn = lastContent(calls.get(0));
    assertThat(lastTurn.toString()).contains("Oi", "quero marcar", "amanhã cedo");
  }

  @Test
  void anUnknownInstanceIs404AndNothingIsSent() throws Exception {
    HttpResponse<String> response = post(fixture("nobody_instance"), SECRET);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unknown_instance");
    settle();
    assertThat(evolution.getAllServeEvents()).isEmpty();
    assertThat(gemini.getAllServeEvents()).isEmpty();
  }

  @Test
  void aWrongOrMissingSecretIs401() throws Exception {
    assertThat(post(fixture("alpha_instance"), "wrong").statusCode()).isEqualTo(401);
    assertThat(post(fixture("alpha_instance"), null).statusCode()).isEqualTo(401);
  }

  @Test
  void malformedJsonIs400WithAJsonError() throws Exception {
    HttpResponse<String> response = post("{\"event\": \"messages.upsert\", ", SECRET);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).has("error")).isTrue();
  }

  @Test
  void aTwentyMegabyteBodyIs413NeverA5xx() throws Exception {
    String huge =
        "{\"event\":\"messages.upsert\",\"data\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}";
    HttpResponse<String> response = post(huge, SECRET);
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void groupsAndBroadcastsAreIgnored() throws Exception {
    ObjectNode group = (ObjectNode) JSON.readTree(fixture("alpha_instance"));
    ((ObjectNode) group.at("/data/key")).put("remoteJid", "120363000000000000@g.us");
    ((ObjectNode) group.at("/data/key")).put("id", "GROUP-1");
    ObjectNode status = (ObjectNode) JSON.readTree(fixture("alpha_instance"));
    ((ObjectNode) status.at("/data/key")).put("remoteJid", "status@broadcast");
    ((ObjectNode) status.at("/data/key")).put("id", "STATUS-1");

    assertThat(accepted(post(group.toString(), SECRET)).get("status").asText())
        .isEqualTo("ignored");
    assertThat(accepted(post(status.toString(), SECRET)).get("status").asText())
        .isEqualTo("ignored");
    settle();
    assertThat(gemini.getAllServeEvents()).isEmpty();
  }

  @Test
  void staffWritingFromTheClinicPhoneSilencesTheBotForThatPatient() throws Exception {
    String phone = nextPhone();
    ObjectNode staff =
        (ObjectNode)
            JSON.readTree(upsert("alpha_instance", phone, "S-" + phone, "Oi, aqui é a recepção"));
    ((ObjectNode) staff.at("/data/key")).put("fromMe", true);
    accepted(post(staff.toString(), SECRET));
    settle();
    accepted(post(upsert("alpha_instance", phone, "P-" + phone, "Obrigada pela ajuda"), SECRET));
    settle();

    assertThat(sends(phone)).isEmpty();
    assertThat(geminiRequestsMentioning("Obrigada pela ajuda")).isEmpty();
    assertThat(transcriptRoles("alpha", phone)).containsExactly("STAFF", "USER");
  }

  @Test
  void theSamePhoneAtTwoClinicsNeverSharesText() throws Exception {
    String phone = nextPhone();
    accepted(post(upsert("alpha_instance", phone, "X1-" + phone, "segredo-da-alpha"), SECRET));
    accepted(post(upsert("beta_instance", phone, "X1-" + phone, "pergunta-para-beta"), SECRET));
    awaitTrue(() -> sends(phone).size() == 2);

    JsonNode toAlpha = geminiRequestsMentioning("segredo-da-alpha").get(0);
    JsonNode toBeta = geminiRequestsMentioning("pergunta-para-beta").get(0);
    assertThat(toAlpha.toString())
        .doesNotContain("pergunta-para-beta")
        .doesNotContain("Clinic beta");
    assertThat(toBeta.toString()).doesNotContain("segredo-da-alpha").doesNotContain("Clinic alpha");
  }

  @Test
  void theSecondMessageCarriesTheFirstAndItsReplyInMemory() throws Exception {
    String phone = nextPhone();
    accepted(post(upsert("alpha_instance", phone, "M1-" + phone, "primeira-mensagem"), SECRET));
    awaitTrue(() -> sends(phone).size() == 1);
    accepted(post(upsert("alpha_instance", phone, "M2-" + phone, "segunda-mensagem"), SECRET));
    awaitTrue(() -> sends(phone).size() == 2);

    JsonNode second = geminiRequestsMentioning("segunda-mensagem").get(0);
    List<String> turns = new ArrayList<>();
    second
        .get("contents")
        .forEach(c -> turns.add(c.get("role").asText() + ":" + c.at("/parts/0/text").asText()));
    assertThat(turns)
        .containsExactly(
            "user:primeira-mensagem",
            "model:Olá! Posso ajudar a marcar sua consulta.",
            "user:segunda-mensagem");
  }

  @Test
  void aLidMessageWithItsPhoneIsKeyedByThePhoneAndAnsweredThere() throws Exception {
    String phone = nextPhone();
    ObjectNode lid =
        (ObjectNode) JSON.readTree(upsert("alpha_instance", phone, "L-" + phone, "oi pelo lid"));
    ObjectNode key = (ObjectNode) lid.at("/data/key");
    key.put("remoteJid", "103899771998284@lid");
    key.put("remoteJidAlt", phone + "@s.whatsapp.net");
    key.put("addressingMode", "lid");

    JsonNode ack = accepted(post(lid.toString(), SECRET));
    assertThat(ack.get("workflow_id").asText()).isEqualTo("patient:alpha:" + phone);
    awaitTrue(() -> sends(phone).size() == 1);
    assertThat(
            jdbc.sql("SELECT phone FROM contact_identity WHERE tenant_id = 'alpha' AND lid = :lid")
                .param("lid", "103899771998284")
                .query(String.class)
                .optional())
        .contains(phone);
  }

  @Test
  void aVoiceNoteReachesGeminiAsAudioOnceAndLaterTurnsReadItsTranscript() throws Exception {
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(WireMock.containing("Transcribe this voice note"))
            .willReturn(okJson(geminiText("Quero marcar uma limpeza."))));
    String phone = nextPhone();
    ObjectNode voice = JSON.createObjectNode();
    voice.put("mimetype", "audio/ogg; codecs=opus").put("ptt", true).put("seconds", 3);

    accepted(post(media(phone, "V-" + phone, "audioMessage", voice), SECRET));
    awaitTrue(() -> sends(phone).size() == 1);

    evolution.verify(
        postRequestedFor(urlPathEqualTo("/chat/getBase64FromMediaMessage/alpha_instance")));
    boolean audioSent =
        geminiRequests().stream()
            .anyMatch(
                r ->
                    r.toString().contains("\"data\":\"AQIDBA==\"")
                        && r.toString().contains("audio/ogg"));
    assertThat(audioSent).isTrue();

    // The next turn reads the note's words from memory; the recording is not fetched again.
    accepted(post(upsert("alpha_instance", phone, "T-" + phone, "pode ser amanhã?"), SECRET));
    awaitTrue(() -> sends(phone).size() == 2);
    evolution.verify(
        1, postRequestedFor(urlPathEqualTo("/chat/getBase64FromMediaMessage/alpha_instance")));
    assertThat(geminiRequestsMentioning("pode ser amanhã?"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.toString())
                    .contains("[voice note] Quero marcar uma limpeza.")
                    .doesNotContain("AQIDBA=="));
  }

  @Test
  void aPhotoWithItsCaptionReachesGeminiAsAnImageOnceAndLaterTurnsReadWhatItShows()
      throws Exception {
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(WireMock.containing("a photo a patient sent"))
            .willReturn(okJson(geminiText("PEDIDO MÉDICO: ultrassom de abdome."))));
    String phone = nextPhone();
    evolutionServes("P-" + phone, "imageMessage", "image/jpeg", "/9j/4AA=");
    ObjectNode photo = JSON.createObjectNode();
    photo.put("mimetype", "image/jpeg").put("caption", "meu pedido");

    accepted(post(media(phone, "P-" + phone, "imageMessage", photo), SECRET));
    awaitTrue(() -> sends(phone).size() == 1);

    // The answer saw the picture and the caption; the polite "text and voice" answer is gone.
    assertThat(geminiRequestsMentioning("meu pedido"))
        .anySatisfy(
            r ->
                assertThat(r.toString())
                    .contains("\"data\":\"/9j/4AA=\"")
                    .contains("image/jpeg")
                    .doesNotContain("a photo a patient sent"));
    assertThat(sends(phone).get(0).getBodyAsString()).doesNotContain("vídeos e PDFs");

    // The next turn reads what the photo shows from memory; it is not fetched again.
    accepted(post(upsert("alpha_instance", phone, "T-" + phone, "tem horário amanhã?"), SECRET));
    awaitTrue(() -> sends(phone).size() == 2);
    evolution.verify(
        1,
        postRequestedFor(urlPathEqualTo("/chat/getBase64FromMediaMessage/alpha_instance"))
            .withRequestBody(WireMock.containing("P-" + phone)));
    assertThat(geminiRequestsMentioning("tem horário amanhã?"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.toString())
                    .contains("[photo] PEDIDO MÉDICO: ultrassom de abdome.")
                    .contains("meu pedido")
                    .doesNotContain("/9j/4AA="));
  }

  @Test
  void aVideoReachesGeminiInlineWithItsCaptionAndIsDescribedOnce() throws Exception {
    String phone = nextPhone();
    String clip =
        Base64.getEncoder()
            .encodeToString(("....ftypmp42" + phone).getBytes(StandardCharsets.US_ASCII));
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(WireMock.containing("a video a patient sent"))
            .withRequestBody(WireMock.containing(clip))
            .willReturn(okJson(geminiText("Um tornozelo inchado, dói ao pisar."))));
    evolutionServes("VID-" + phone, "videoMessage", "video/mp4", clip);
    ObjectNode video = JSON.createObjectNode();
    video.put("mimetype", "video/mp4").put("seconds", 4).put("caption", "olha o inchaço");

    accepted(post(media(phone, "VID-" + phone, "videoMessage", video), SECRET));
    awaitTrue(() -> sends(phone).size() == 1);
    accepted(post(upsert("alpha_instance", phone, "T-" + phone, "é grave?"), SECRET));
    awaitTrue(() -> sends(phone).size() == 2);

    assertThat(geminiRequestsMentioning("olha o inchaço"))
        .anySatisfy(
            r ->
                assertThat(r.toString())
                    .contains(clip)
                    .contains("video/mp4")
                    .doesNotContain("a video a patient sent"));
    assertThat(geminiRequestsMentioning("é grave?"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.toString())
                    .contains("[video] Um tornozelo inchado")
                    .doesNotContain(clip));
    evolution.verify(
        1,
        postRequestedFor(urlPathEqualTo("/chat/getBase64FromMediaMessage/alpha_instance"))
            .withRequestBody(WireMock.containing("VID-" + phone)));
  }

  /**
   * A PDF whose description failed in its own turn is read again by the next turn, which keeps the
   * words beside it: from then on it is neither fetched nor sent inline again.
   */
  @Test
  void aDocumentWhoseDescriptionFailedIsDescribedByTheNextTurnAndThenReadFromMemory()
      throws Exception {
    String phone = nextPhone();
    // Base64 of "%PDF-" and the phone: this test's PDF, told apart from other tests'.
    String pdf =
        Base64.getEncoder().encodeToString(("%PDF-" + phone).getBytes(StandardCharsets.US_ASCII));
    String describe = "describe-" + phone;
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(WireMock.containing("a document a patient sent"))
            .withRequestBody(WireMock.containing(pdf))
            .inScenario(describe)
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("failed once")
            .willReturn(aResponse().withStatus(500)));
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(WireMock.containing("a document a patient sent"))
            .withRequestBody(WireMock.containing(pdf))
            .inScenario(describe)
            .whenScenarioStateIs("failed once")
            .willReturn(okJson(geminiText("Guia de exames: hemograma completo."))));
    evolutionServes("D-" + phone, "documentMessage", "application/pdf", pdf);
    ObjectNode document = JSON.createObjectNode();
    document.put("mimetype", "application/pdf").put("fileName", "guia.pdf");

    accepted(post(media(phone, "D-" + phone, "documentMessage", document), SECRET));
    awaitTrue(() -> sends(phone).size() == 1);
    accepted(post(upsert("alpha_instance", phone, "T1-" + phone, "consegue ler?"), SECRET));
    awaitTrue(() -> sends(phone).size() == 2);
    accepted(post(upsert("alpha_instance", phone, "T2-" + phone, "e amanhã?"), SECRET));
    awaitTrue(() -> sends(phone).size() == 3);

    // Fetched by the first turn (its description failed) and the second (described then) only.
    evolution.verify(
        2,
        postRequestedFor(urlPathEqualTo("/chat/getBase64FromMediaMessage/alpha_instance"))
            .withRequestBody(WireMock.containing("D-" + phone)));
    assertThat(geminiRequestsMentioning("consegue ler?"))
        .singleElement()
        .satisfies(r -> assertThat(r.toString()).contains(pdf));
    assertThat(geminiRequestsMentioning("e amanhã?"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.toString())
                    .contains("[document] Guia de exames: hemograma completo.")
                    .doesNotContain(pdf));
  }

  /**
   * A photo Google's filters block would fail every call carrying it, and the conversation would
   * wait for an operator whose retry fails the same way: the patient is answered without it, and
   * later turns read that it was not shown instead of sending it again.
   */
  @Test
  void aPhotoTheModelBlocksIsAnsweredWithoutItAndNeverSentAgain() throws Exception {
    String phone = nextPhone();
    String photo =
        Base64.getEncoder().encodeToString(("JFIF" + phone).getBytes(StandardCharsets.US_ASCII));
    // Every call that carries the photo, its description's too, is blocked.
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(WireMock.containing(photo))
            .willReturn(okJson("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}")));
    evolutionServes("B-" + phone, "imageMessage", "image/jpeg", photo);
    ObjectNode image = JSON.createObjectNode();
    image.put("mimetype", "image/jpeg").put("caption", "essa mancha é grave?");

    accepted(post(media(phone, "B-" + phone, "imageMessage", image), SECRET));
    awaitTrue(() -> sends(phone).size() == 1);
    accepted(post(upsert("alpha_instance", phone, "T-" + phone, "e então?"), SECRET));
    awaitTrue(() -> sends(phone).size() == 2);

    // Answered by the model both times: no fallback, nothing waits for an operator.
    assertThat(sends(phone))
        .allSatisfy(
            send ->
                assertThat(JSON.readTree(send.getBodyAsString()).get("text").asText())
                    .isEqualTo("Olá! Posso ajudar a marcar sua consulta."));
    assertThat(
            jdbc.sql("SELECT status FROM conversation WHERE tenant_id = 'alpha' AND contact = :c")
                .param("c", phone)
                .query(String.class)
                .single())
        .isEqualTo("ACTIVE");
    evolution.verify(
        1,
        postRequestedFor(urlPathEqualTo("/chat/getBase64FromMediaMessage/alpha_instance"))
            .withRequestBody(WireMock.containing("B-" + phone)));
    assertThat(geminiRequestsMentioning("e então?"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.toString())
                    .contains("[photo] (not shown to the assistant: the model refused it)")
                    .contains("essa mancha é grave?")
                    .doesNotContain(photo));
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM conversation_message WHERE tenant_id = 'alpha'"
                        + " AND contact = :c AND content::text LIKE '%not shown to the assistant%'")
                .param("c", phone)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void geminiFailingTwiceWith500StillGivesExactlyOneReply() throws Exception {
    String phone = nextPhone();
    String scenario = "fails-twice";
    for (String[] step : new String[][] {{"Started", "once"}, {"once", "twice"}}) {
      gemini.stubFor(
          WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
              .atPriority(1)
              .withRequestBody(WireMock.containing("falha-duas-vezes"))
              .inScenario(scenario)
              .whenScenarioStateIs(step[0])
              .willSetStateTo(step[1])
              .willReturn(
                  aResponse()
                      .withStatus(500)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"error\":{\"code\":500,\"message\":\"Internal error\",\"status\":\"INTERNAL\"}}")));
    }
    accepted(post(upsert("alpha_instance", phone, "F-" + phone, "falha-duas-vezes"), SECRET));

    awaitTrue(() -> sends(phone).size() == 1);
    settle();
    assertThat(sends(phone)).hasSize(1);
    assertThat(geminiRequestsMentioning("falha-duas-vezes")).hasSize(3);
    assertThat(JSON.readTree(sends(phone).get(0).getBodyAsString()).get("text").asText())
        .isEqualTo("Olá! Posso ajudar a marcar sua consulta.");
  }

  @Test
  void anInactiveClinicMakesNoGeminiCall() throws Exception {
    String phone = nextPhone();
    accepted(post(upsert("gamma_instance", phone, "I-" + phone, "clinica-inativa"), SECRET));
    settle();
    assertThat(geminiRequestsMentioning("clinica-inativa")).isEmpty();
    assertThat(sends(phone)).isEmpty();
  }

  @Test
  void overQuotaMakesNoGeminiCallAndAtMostOneCourtesyMessage() throws Exception {
    String phone = nextPhone();
    accepted(post(upsert("delta_instance", phone, "Q1-" + phone, "sem-cota-1"), SECRET));
    awaitTrue(() -> sends(phone).size() == 1);
    accepted(post(upsert("delta_instance", phone, "Q2-" + phone, "sem-cota-2"), SECRET));
    settle();

    assertThat(geminiRequestsMentioning("sem-cota")).isEmpty();
    assertThat(sends(phone)).hasSize(1);
    assertThat(JSON.readTree(sends(phone).get(0).getBodyAsString()).get("text").asText())
        .isEqualTo("Quota reached for delta");
  }

  @Test
  void prometheusShowsWebhooksGeminiSendsQuotaHousekeepingAndTemporalMetrics() throws Exception {
    String phone = nextPhone();
    accepted(post(upsert("alpha_instance", phone, "MET-" + phone, "metricas"), SECRET));
    awaitTrue(() -> sends(phone).size() == 1);

    String[] expected = {
      "clinicflow_webhooks_total{",
      "clinicflow_gemini_latency_seconds_count{",
      "clinicflow_gemini_tokens_total{",
      "clinicflow_messages_sent_total{",
      "clinicflow_quota_usage_ratio{",
      "clinicflow_conversations_needing_attention{",
      "clinicflow_conversations_attention_oldest_wait_seconds{",
      "clinicflow_turn_latency_seconds",
      "clinicflow_housekeeping_last_round_timestamp_seconds{",
      "temporal_"
    };
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    String metrics = "";
    while (System.nanoTime() < deadline) {
      metrics =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String snapshot = metrics;
      if (java.util.Arrays.stream(expected).allMatch(snapshot::contains)) {
        break;
      }
      Thread.sleep(1_000);
    }
    assertThat(metrics).contains(expected).contains("tenant=\"alpha\"");
    assertThat(metrics).doesNotContain("metricas"); // never patient text in metrics
    // Webhooks are timed by clinicflow_webhooks_ack alone (WebhookObservations); the admin API,
    // used above to create the clinics, keeps Spring's request timer.
    assertThat(metrics)
        .contains("clinicflow_webhooks_ack_seconds_count{")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/tenants\"")
        .doesNotContain("uri=\"/webhooks/");
  }

  // ---- helpers -------------------------------------------------------------------------------

  void createClinic(String id, String instance, int limit, boolean active) throws Exception {
    Map<String, Object> clinic =
        Map.ofEntries(
            Map.entry("tenant_id", id),
            Map.entry("clinic_name", "Clinic " + id),
            Map.entry("evolution_instance_name", instance),
            Map.entry("system_prompt_patient", "Clinic " + id + " prompt: be kind."),
            Map.entry("system_prompt_internal", "Staff assistant of " + id),
            Map.entry("system_prompt_confirmation", "Confirm tomorrow's appointment."),
            Map.entry("business_hours", Map.of("mon", Map.of("open", "08:00", "close", "18:00"))),
            Map.entry("clinic_info", Map.of("address", "Rua " + id, "appointment_minutes", 30)),
            Map.entry("timezone", "America/Sao_Paulo"),
            Map.entry("language", "pt-BR"),
            Map.entry("is_active", active),
            Map.entry("monthly_message_limit", limit),
            Map.entry("fallback_message", "Fallback for " + id),
            Map.entry("quota_exceeded_message", "Quota reached for " + id));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tenants"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(clinic)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  static String fixture(String instance) throws IOException {
    try (InputStream in =
        PatientConversationIT.class.getResourceAsStream(
            "/fixtures/evolution/messages-upsert-text.json")) {
      ObjectNode node = (ObjectNode) JSON.readTree(in);
      node.put("instance", instance);
      return node.toString();
    }
  }

  static String upsert(String instance, String phone, String id, String text) throws IOException {
    ObjectNode node = (ObjectNode) JSON.readTree(fixture(instance));
    ObjectNode key = (ObjectNode) node.at("/data/key");
    key.put("remoteJid", phone + "@s.whatsapp.net");
    key.put("id", id);
    ((ObjectNode) node.at("/data/message")).put("conversation", text);
    ((ObjectNode) node.get("data")).put("messageTimestamp", System.currentTimeMillis() / 1000);
    return node.toString();
  }

  /** Evolution's answer to {@code getBase64FromMediaMessage} for the message {@code id}. */
  static void evolutionServes(String id, String mediaType, String mimeType, String base64) {
    evolution.stubFor(
        WireMock.post(urlPathMatching("/chat/getBase64FromMediaMessage/.*"))
            .atPriority(1)
            .withRequestBody(WireMock.containing(id))
            .willReturn(
                okJson(
                    "{\"mediaType\":\""
                        + mediaType
                        + "\",\"mimetype\":\""
                        + mimeType
                        + "\",\"base64\":\""
                        + base64
                        + "\",\"buffer\":null}")));
  }

  /** A {@code messages.upsert} of {@code phone} at alpha whose message is media of {@code type}. */
  static String media(String phone, String id, String type, ObjectNode content) throws Exception {
    ObjectNode upsert = (ObjectNode) JSON.readTree(upsert("alpha_instance", phone, id, "x"));
    ObjectNode message = JSON.createObjectNode();
    message.set(type, content);
    upsert.with("data").set("message", message);
    upsert.with("data").put("messageType", type);
    return upsert.toString();
  }

  static String nextPhone() {
    return String.valueOf(phones.incrementAndGet());
  }

  HttpResponse<String> post(String body, String secret) throws Exception {
    return postAsync(body, secret).get();
  }

  CompletableFuture<HttpResponse<String>> postAsync(String body, String secret) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/evolution"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      request.header("X-Webhook-Secret", secret);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode accepted(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static List<LoggedRequest> sends(String phone) {
    return evolution.findAll(postRequestedFor(urlPathMatching("/message/sendText/.*"))).stream()
        .filter(r -> r.getBodyAsString().contains("\"number\":\"" + phone + "\""))
        .toList();
  }

  static List<JsonNode> geminiRequests() {
    return gemini
        .findAll(postRequestedFor(urlPathMatching("/v1.*/models/.*:generateContent")))
        .stream()
        .map(r -> readTree(r.getBodyAsString()))
        .toList();
  }

  static List<JsonNode> geminiRequestsMentioning(String text) {
    return geminiRequests().stream().filter(r -> lastContent(r).toString().contains(text)).toList();
  }

  static JsonNode lastContent(JsonNode request) {
    JsonNode contents = request.get("contents");
    return contents.get(contents.size() - 1);
  }

  List<String> transcriptRoles(String tenant, String contact) {
    return jdbc.sql(
            "SELECT role FROM conversation_message WHERE tenant_id = :t AND contact = :c ORDER BY seq")
        .param("t", tenant)
        .param("c", contact)
        .query(String.class)
        .list();
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

  /** Gemini refusing the key: 403 PERMISSION_DENIED, never retried, so a turn waits at once. */
  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder geminiRefusesTheKey() {
    return aResponse()
        .withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"error\":{\"code\":403,\"message\":\"Permission denied\","
                + "\"status\":\"PERMISSION_DENIED\"}}");
  }

  static String geminiText(String text) {
    return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\""
        + text
        + "\"}]},\"finishReason\":\"STOP\"}],"
        + "\"usageMetadata\":{\"promptTokenCount\":120,\"candidatesTokenCount\":20,\"totalTokenCount\":140}}";
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("condition not reached within 30 s");
  }

  /** Longer than the debounce window and a turn: whatever would happen has happened. */
  static void settle() throws InterruptedException {
    Thread.sleep(3_000);
  }
}
