package com.clinicflow.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The staff assistant against the running application (issue 5 acceptance): embedded PostgreSQL and
 * Temporal, real HTTP in, WireMock speaking the Telegram Bot API's, Gemini's and Evolution's wire
 * formats. Gemini is scripted by what each request contains.
 */
@SpringBootTest(
    classes = ClinicFlowApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffAssistantIT {

  static final String TELEGRAM_SECRET = "telegram-secret_for-tests";
  static final String EVOLUTION_SECRET = "evolution-secret-for-tests";
  static final String ADMIN = "admin-token-for-tests";
  static final String BOT_TOKEN = "123456:IT-bot-token";
  static final long CLINIC_CHAT = -1001234567890L;
  static final ObjectMapper JSON = new ObjectMapper();

  static final WireMockServer gemini = new WireMockServer(options().dynamicPort());
  static final WireMockServer evolution = new WireMockServer(options().dynamicPort());
  static final WireMockServer telegram = new WireMockServer(options().dynamicPort());
  static final AtomicLong updateIds = new AtomicLong(50_000);
  static boolean clinicCreated;

  static {
    gemini.start();
    evolution.start();
    telegram.start();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("clinicflow.data-dir", PatientConversationIT::tempDir);
    registry.add("clinicflow.temporal.embedded-port", TestPorts::free);
    registry.add("clinicflow.admin.token", () -> ADMIN);
    registry.add("clinicflow.evolution.webhook-secret", () -> EVOLUTION_SECRET);
    registry.add("clinicflow.evolution.base-url", evolution::baseUrl);
    registry.add("clinicflow.evolution.api-key", () -> "evolution-global-key");
    registry.add("clinicflow.gemini.base-url", () -> gemini.baseUrl() + "/");
    registry.add("clinicflow.gemini.api-key", () -> "gemini-test-key");
    registry.add("clinicflow.telegram.base-url", telegram::baseUrl);
    registry.add("clinicflow.telegram.bot-token", () -> BOT_TOKEN);
    registry.add("clinicflow.telegram.webhook-secret", () -> TELEGRAM_SECRET);
    registry.add("clinicflow.conversation.debounce", () -> "PT1S");
    registry.add("clinicflow.conversation.max-burst-wait", () -> "PT5S");
  }

  @AfterAll
  static void stopFakes() {
    gemini.stop();
    evolution.stop();
    telegram.stop();
  }

  @BeforeEach
  void fakesAndClinic() throws Exception {
    gemini.resetAll();
    evolution.resetAll();
    telegram.resetAll();
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(10)
            .willReturn(PatientConversationIT.okJson(PatientConversationIT.geminiText("Feito."))));
    evolution.stubFor(
        WireMock.post(urlPathMatching("/message/sendText/.*"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"key":{"remoteJid":"5511900000077@s.whatsapp.net","fromMe":true,
                         "id":"BAE5F5A632EAE722"},"message":{"conversation":"ok"},
                         "messageTimestamp":1717689097,"status":"PENDING"}""")));
    telegram.stubFor(
        WireMock.post(urlPathMatching("/bot" + BOT_TOKEN + "/(?i)sendmessage"))
            .willReturn(
                PatientConversationIT.okJson(
                    """
                    {"ok":true,"result":{"message_id":1,"date":1763039928,
                     "chat":{"id":-1001234567890,"type":"supergroup","title":"Recepção"},
                     "text":"ok"}}""")));
    if (!clinicCreated) {
      createClinic();
      clinicCreated = true;
    }
  }

  // ---- the acceptance of issue 5 -------------------------------------------------------------

  @Test
  void aChatOfNoClinicGets200OneRefusalNoToolAndNothingOnWhatsApp() throws Exception {
    assertThat(
            postTelegram(update(4242, "quais consultas temos hoje?"), TELEGRAM_SECRET).statusCode())
        .isEqualTo(200);
    PatientConversationIT.awaitTrue(() -> telegramTo(4242).size() == 1);
    assertThat(postTelegram(update(4242, "me responde"), TELEGRAM_SECRET).statusCode())
        .isEqualTo(200);
    PatientConversationIT.settle();

    assertThat(telegramTo(4242)).hasSize(1);
    assertThat(text(telegramTo(4242).get(0))).contains("não está autorizado");
    assertThat(gemini.getAllServeEvents()).isEmpty(); // no LLM, so no tool call either
    assertThat(evolution.getAllServeEvents()).isEmpty();
    assertThat(
            jdbc.sql(
                    """
                    SELECT count(*) FROM tenant_activity_log
                     WHERE event_type = 'unauthorized_chat' AND details ->> 'chat_id' = '4242'
                    """)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void aWrongSecretIs401() throws Exception {
    assertThat(postTelegram(update(CLINIC_CHAT, "oi"), "wrong").statusCode()).isEqualTo(401);
    assertThat(postTelegram(update(CLINIC_CHAT, "oi"), null).statusCode()).isEqualTo(401);
  }

  @Test
  void aMessageToAPatientIsSentOnTheClinicsInstanceAndJoinsThatPatientsTranscript()
      throws Exception {
    String ask = "enviar mensagem para 5511900000077: Sua consulta foi confirmada";
    scriptGemini(
        ask,
        "send_message_to_patient",
        Map.of("phone", "5511900000077", "text", "Sua consulta foi confirmada"),
        "Mensagem enviada para 5511900000077.");

    assertThat(postTelegram(update(CLINIC_CHAT, ask), TELEGRAM_SECRET).statusCode()).isEqualTo(200);

    PatientConversationIT.awaitTrue(() -> sendsTo("5511900000077").size() == 1);
    LoggedRequest send = sendsTo("5511900000077").get(0);
    assertThat(send.getUrl()).isEqualTo("/message/sendText/alpha_instance");
    assertThat(JSON.readTree(send.getBodyAsString()).get("text").asText())
        .isEqualTo("Sua consulta foi confirmada");
    PatientConversationIT.awaitTrue(
        () -> transcript("alpha", "5511900000077").contains("STAFF:Sua consulta foi confirmada"));
    PatientConversationIT.awaitTrue(
        () ->
            telegramTo(CLINIC_CHAT).stream()
                .anyMatch(r -> text(r).equals("Mensagem enviada para 5511900000077.")));
    PatientConversationIT.settle();
    assertThat(sendsTo("5511900000077")).hasSize(1);
  }

  @Test
  void afterPausingTheBotForAPatientTheirNextMessageGetsNoReply() throws Exception {
    String ask = "pausar o bot para 5511900000088";
    scriptGemini(ask, "pause_bot_for_patient", Map.of("phone", "5511900000088"), "Bot pausado.");
    postTelegram(update(CLINIC_CHAT, ask), TELEGRAM_SECRET);
    PatientConversationIT.awaitTrue(
        () -> telegramTo(CLINIC_CHAT).stream().anyMatch(r -> text(r).equals("Bot pausado.")));

    HttpResponse<String> patient =
        postEvolution(
            PatientConversationIT.upsert(
                "alpha_instance", "5511900000088", "P-88", "Oi, alguém aí?"));
    assertThat(patient.statusCode()).isEqualTo(200);
    PatientConversationIT.awaitTrue(
        () -> transcript("alpha", "5511900000088").contains("USER:Oi, alguém aí?"));
    PatientConversationIT.settle();

    assertThat(sendsTo("5511900000088")).isEmpty();
    assertThat(
            gemini.findAll(postRequestedFor(urlPathMatching("/v1.*"))).stream()
                .filter(r -> r.getBodyAsString().contains("Oi, alguém aí?")))
        .isEmpty();
  }

  /**
   * The clinic's staff, alerted in their chat that a patient's message could not be answered, ask
   * the assistant to try again once the cause is fixed: the patient gets exactly one answer after
   * the fallback, and nobody opened the Temporal UI or the admin API.
   */
  @Test
  void staffAlertedToAWaitingPatientHaveTheAssistantTryAgainFromTheirChat() throws Exception {
    String phone = "5511900000089";
    String words = "dor-de-dente-sem-resposta";
    var refused =
        gemini.stubFor(
            WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
                .atPriority(1)
                .withRequestBody(containing(words))
                .willReturn(PatientConversationIT.geminiRefusesTheKey()));
    postEvolution(PatientConversationIT.upsert("alpha_instance", phone, "P-89", words));
    PatientConversationIT.awaitTrue(
        () ->
            telegramTo(CLINIC_CHAT).stream()
                .anyMatch(r -> text(r).contains("patient:alpha:" + phone)));
    assertThat(telegramTo(CLINIC_CHAT).stream().map(StaffAssistantIT::text))
        .anySatisfy(
            alert -> assertThat(alert).contains("tentar de novo").doesNotContain("Temporal"));
    assertThat(sendsTo(phone)).hasSize(1); // the clinic's fallback message

    gemini.removeStub(refused); // the cause is fixed
    // What the patient wrote is not in the transcript yet: the waiting conversation tells it.
    String read = "o que escreveu o paciente 5511900000089?";
    scriptGemini(read, "patient_messages", Map.of("contact", phone), "Sobre dor de dente.");
    postTelegram(update(CLINIC_CHAT, read), TELEGRAM_SECRET);
    PatientConversationIT.awaitTrue(
        () ->
            telegramTo(CLINIC_CHAT).stream().anyMatch(r -> text(r).equals("Sobre dor de dente.")));
    assertThat(
            gemini.findAll(postRequestedFor(urlPathMatching("/v1.*"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .filter(body -> body.contains("\"unanswered\"")))
        .anySatisfy(body -> assertThat(body).contains(words));

    String ask = "tente de novo o paciente 5511900000089";
    scriptGemini(ask, "retry_patient_conversation", Map.of("contact", phone), "Tentando de novo.");
    postTelegram(update(CLINIC_CHAT, ask), TELEGRAM_SECRET);

    PatientConversationIT.awaitTrue(() -> sendsTo(phone).size() == 2);
    PatientConversationIT.awaitTrue(
        () ->
            "ACTIVE"
                .equals(
                    jdbc.sql(
                            "SELECT status FROM conversation WHERE tenant_id = 'alpha'"
                                + " AND contact = :c")
                        .param("c", phone)
                        .query(String.class)
                        .single()));
    PatientConversationIT.settle();
    assertThat(sendsTo(phone)).hasSize(2);
    assertThat(text(sendsTo(phone).get(1))).isEqualTo("Feito.");
    assertThat(telegramTo(CLINIC_CHAT).stream().map(StaffAssistantIT::text))
        .contains("Tentando de novo.");
  }

  @Test
  void anInstanceDisconnectIsAlertedInTheClinicsTelegramChat() throws Exception {
    String event =
        """
        {"event":"connection.update","instance":"alpha_instance",
         "data":{"instance":"alpha_instance","state":"close","statusReason":401},
         "date_time":"2026-11-13T10:00:00.000Z","server_url":"http://evolution:8080",
         "apikey":"redacted"}""";
    assertThat(postEvolution(event).statusCode()).isEqualTo(200);

    PatientConversationIT.awaitTrue(
        () ->
            telegramTo(CLINIC_CHAT).stream()
                .anyMatch(r -> text(r).contains("WhatsApp desconectado")));
    assertThat(
            telegramTo(CLINIC_CHAT).stream()
                .filter(r -> text(r).contains("alpha_instance"))
                .count())
        .isEqualTo(1);
    telegram.verify(
        postRequestedFor(urlPathMatching("/bot" + BOT_TOKEN + "/(?i)sendmessage"))
            .withRequestBody(containing("WhatsApp desconectado")));
  }

  @Test
  void aStaffVoiceNoteIsHeardByTheModelFromTelegramsFileAndKeptOnlyByReference() throws Exception {
    byte[] recording = {'O', 'g', 'g', 'S', 0, 2};
    String base64 = java.util.Base64.getEncoder().encodeToString(recording);
    telegramServes("AwACAgEAVoiceIT", "voice/file_9.oga", recording);
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(
                matchingJsonPath(
                    "$.contents[-1:].parts[1].inlineData.data", WireMock.equalTo(base64)))
            .willReturn(
                PatientConversationIT.okJson(
                    PatientConversationIT.geminiText("Ouvi: 3 consultas amanhã."))));

    ObjectNode update = (ObjectNode) JSON.readTree(update(CLINIC_CHAT, "unused"));
    ObjectNode message = (ObjectNode) update.get("message");
    message.remove("text");
    message.set(
        "voice",
        JSON.readTree(
            """
            {"duration":3,"mime_type":"audio/ogg","file_id":"AwACAgEAVoiceIT",
             "file_unique_id":"AgADIT","file_size":6}"""));
    assertThat(postTelegram(update.toString(), TELEGRAM_SECRET).statusCode()).isEqualTo(200);

    PatientConversationIT.awaitTrue(
        () ->
            telegramTo(CLINIC_CHAT).stream()
                .anyMatch(r -> text(r).equals("Ouvi: 3 consultas amanhã.")));
    gemini.verify(
        postRequestedFor(urlPathMatching("/v1.*"))
            .withRequestBody(
                matchingJsonPath(
                    "$.contents[-1:].parts[1].inlineData.mimeType",
                    WireMock.equalTo("audio/ogg"))));
    // The chat's memory keeps the note by Telegram's file id; the recording stays at Telegram.
    String stored = lastStaffMessageStored();
    assertThat(stored).contains("AwACAgEAVoiceIT").doesNotContain(base64);
  }

  @Test
  void aStaffPhotoIsSeenInlineWithItsCaptionAndItsDescriptionKeptBesideIt() throws Exception {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 7};
    String base64 = java.util.Base64.getEncoder().encodeToString(jpeg);
    telegramServes("AgACAgEPhotoIT", "photos/file_12.jpg", jpeg);
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(containing("a photo a patient sent"))
            .willReturn(
                PatientConversationIT.okJson(
                    PatientConversationIT.geminiText(
                        "ENCAMINHAMENTO: fisioterapia, 10 sessões."))));
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(2)
            .withRequestBody(
                matchingJsonPath(
                    "$.contents[-1:].parts[1].inlineData.data", WireMock.equalTo(base64)))
            .willReturn(
                PatientConversationIT.okJson(
                    PatientConversationIT.geminiText("Vi o encaminhamento."))));

    ObjectNode update = (ObjectNode) JSON.readTree(update(CLINIC_CHAT, "unused"));
    ObjectNode message = (ObjectNode) update.get("message");
    message.remove("text");
    message.put("caption", "cria uma tarefa");
    message.set(
        "photo",
        JSON.readTree(
            """
            [{"file_id":"AgACAgEThumbIT","file_unique_id":"AQADa","file_size":900,"width":90,"height":90},
             {"file_id":"AgACAgEPhotoIT","file_unique_id":"AQADIT","file_size":6,"width":800,"height":800}]"""));
    assertThat(postTelegram(update.toString(), TELEGRAM_SECRET).statusCode()).isEqualTo(200);

    PatientConversationIT.awaitTrue(
        () ->
            telegramTo(CLINIC_CHAT).stream().anyMatch(r -> text(r).equals("Vi o encaminhamento.")));
    gemini.verify(
        postRequestedFor(urlPathMatching("/v1.*"))
            .withRequestBody(
                matchingJsonPath(
                    "$.contents[-1:].parts[0].text", containing("(photo): cria uma tarefa")))
            .withRequestBody(
                matchingJsonPath(
                    "$.contents[-1:].parts[1].inlineData.mimeType",
                    WireMock.equalTo("image/jpeg"))));
    // The chat's memory keeps the photo by file id with what it shows; the bytes stay at Telegram.
    String stored = lastStaffMessageStored();
    assertThat(stored)
        .contains("AgACAgEPhotoIT")
        .contains("ENCAMINHAMENTO: fisioterapia, 10 sessões.")
        .doesNotContain(base64);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Telegram's {@code getFile} and download of {@code fileId}, at {@code path}, as the Bot API. */
  private static void telegramServes(String fileId, String path, byte[] bytes) {
    telegram.stubFor(
        WireMock.post(urlPathMatching("/bot" + BOT_TOKEN + "/(?i)getfile"))
            .withRequestBody(matchingJsonPath("$.file_id", WireMock.equalTo(fileId)))
            .willReturn(
                PatientConversationIT.okJson(
                    "{\"ok\":true,\"result\":{\"file_id\":\""
                        + fileId
                        + "\",\"file_unique_id\":\"AgADIT\",\"file_size\":"
                        + bytes.length
                        + ",\"file_path\":\""
                        + path
                        + "\"}}")));
    telegram.stubFor(
        WireMock.get(WireMock.urlPathEqualTo("/file/bot" + BOT_TOKEN + "/" + path))
            .willReturn(aResponse().withStatus(200).withBody(bytes)));
  }

  /** The clinic chat's newest staff message as stored in its memory. */
  private String lastStaffMessageStored() {
    return jdbc.sql(
            """
            SELECT content::text FROM conversation_message
             WHERE tenant_id = 'alpha' AND contact = :c AND role = 'USER'
             ORDER BY seq DESC LIMIT 1
            """)
        .param("c", "telegram:" + CLINIC_CHAT)
        .query(String.class)
        .single();
  }

  /**
   * Gemini asks for {@code tool} when the newest turn is {@code ask}, and answers once the newest
   * turn is that tool's result. Only the newest turn is matched: the chat's memory holds earlier
   * asks and results.
   */
  void scriptGemini(String ask, String tool, Map<String, Object> args, String answer)
      throws Exception {
    String call =
        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":"
            + JSON.writeValueAsString(Map.of("name", tool, "args", args))
            + "}]},\"finishReason\":\"STOP\"}],"
            + "\"usageMetadata\":{\"promptTokenCount\":90,\"candidatesTokenCount\":12}}";
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(1)
            .withRequestBody(
                matchingJsonPath(
                    "$.contents[-1:].parts[0].functionResponse.name", containing(tool)))
            .willReturn(PatientConversationIT.okJson(PatientConversationIT.geminiText(answer))));
    gemini.stubFor(
        WireMock.post(urlPathMatching("/v1.*/models/.*:generateContent"))
            .atPriority(2)
            .withRequestBody(matchingJsonPath("$.contents[-1:].parts[0].text", containing(ask)))
            .willReturn(PatientConversationIT.okJson(call)));
  }

  void createClinic() throws Exception {
    Map<String, Object> clinic =
        Map.ofEntries(
            Map.entry("tenant_id", "alpha"),
            Map.entry("clinic_name", "Clínica Alpha"),
            Map.entry("evolution_instance_name", "alpha_instance"),
            Map.entry("telegram_internal_chat_id", CLINIC_CHAT),
            Map.entry("system_prompt_patient", "Clinic alpha prompt: be kind."),
            Map.entry("system_prompt_internal", "Você ajuda a equipe da Clínica Alpha."),
            Map.entry("system_prompt_confirmation", "Confirm tomorrow's appointment."),
            Map.entry("timezone", "America/Sao_Paulo"),
            Map.entry("language", "pt-BR"),
            Map.entry("is_active", true),
            Map.entry("monthly_message_limit", 100),
            Map.entry("fallback_message", "Fallback for alpha"),
            Map.entry("quota_exceeded_message", "Quota reached for alpha"));
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

  static String update(long chatId, String text) throws IOException {
    try (InputStream in =
        StaffAssistantIT.class.getResourceAsStream("/fixtures/telegram/update-text.json")) {
      ObjectNode update = (ObjectNode) JSON.readTree(in);
      update.put("update_id", updateIds.incrementAndGet());
      ObjectNode message = (ObjectNode) update.get("message");
      ((ObjectNode) message.get("chat")).put("id", chatId);
      message.put("text", text);
      message.put("date", System.currentTimeMillis() / 1000);
      return update.toString();
    }
  }

  HttpResponse<String> postTelegram(String body, String secret) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/telegram"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postEvolution(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/evolution"))
            .header("Content-Type", "application/json")
            .header("X-Webhook-Secret", EVOLUTION_SECRET)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static List<LoggedRequest> telegramTo(long chatId) {
    return telegram
        .findAll(postRequestedFor(urlPathMatching("/bot" + BOT_TOKEN + "/(?i)sendmessage")))
        .stream()
        .filter(r -> chatIdOf(r) == chatId)
        .toList();
  }

  static long chatIdOf(LoggedRequest request) {
    return PatientConversationIT.readTree(request.getBodyAsString()).get("chat_id").asLong();
  }

  static String text(LoggedRequest request) {
    return PatientConversationIT.readTree(request.getBodyAsString()).get("text").asText();
  }

  static List<LoggedRequest> sendsTo(String phone) {
    return evolution.findAll(postRequestedFor(urlPathMatching("/message/sendText/.*"))).stream()
        .filter(r -> r.getBodyAsString().contains("\"number\":\"" + phone + "\""))
        .toList();
  }

  List<String> transcript(String tenant, String contact) {
    return jdbc.sql(
            """
            SELECT role || ':' || coalesce(content #>> '{parts,0,text}', '')
              FROM conversation_message WHERE tenant_id = :t AND contact = :c ORDER BY seq
            """)
        .param("t", tenant)
        .param("c", contact)
        .query(String.class)
        .list();
  }
}
