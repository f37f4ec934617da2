package com.clinicflow.activities.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Evolution API 2.3.6 wire bodies, as documented in shared/reference/evolution-api.md (§4, §8): the
 * shapes the server really answers with, placeholders for personal data.
 */
final class EvolutionWire {

  static final String TENANT = "clinica-moreira";
  static final String INSTANCE = "clinic_moreira_instance";
  static final String GLOBAL_KEY = "global-key-0000";
  static final String PATIENT = "5511900000001";
  static final String TEXT = "Olá Maria! Sua consulta está confirmada para amanhã às 14h.";
  static final String SENT_ID = "3EB0C767D097E9F2A5D1A7";

  /** 201 of sendText on 2.3.6: message.conversation, numeric messageTimestamp, instanceId… */
  static final String SEND_TEXT_201 =
      """
      {"key":{"remoteJid":"5511900000001@s.whatsapp.net","fromMe":true,"id":"3EB0C767D097E9F2A5D1A7"},
       "pushName":"",
       "status":"PENDING",
       "message":{"conversation":"Olá Maria! Sua consulta está confirmada para amanhã às 14h."},
       "contextInfo":null,
       "messageType":"conversation",
       "messageTimestamp":1763040000,
       "instanceId":"516a733b-03da-4784-a972-eb398c8caf40",
       "source":"unknown"}
      """;

  /** The OpenAPI example (older servers): extendedTextMessage, string timestamp. */
  static final String SEND_TEXT_OPENAPI =
      """
      {"key":{"remoteJid":"5511900000001@s.whatsapp.net","fromMe":true,"id":"BAE594145F4C59B4"},
       "message":{"extendedTextMessage":{"text":"Olá Maria! Sua consulta está confirmada para amanhã às 14h."}},
       "messageTimestamp":"1717689097",
       "status":"PENDING"}
      """;

  /** 400 for a number that is not on WhatsApp: permanent. Echoes the number. */
  static final String UNKNOWN_NUMBER_400 =
      """
      {"status":400,"error":"Bad Request",
       "response":{"message":[{"exists":false,"jid":"5511900000001@s.whatsapp.net","number":"5511900000001"}]}}
      """;

  static final String TEXT_REQUIRED_400 =
      """
      {"status":400,"error":"Bad Request","response":{"message":["Text is required"]}}
      """;

  static final String UNAUTHORIZED_401 =
      """
      {"status":401,"error":"Unauthorized","response":{"message":"Unauthorized"}}
      """;

  static final String FORBIDDEN_403 =
      """
      {"status":403,"error":"Forbidden","response":{"message":["Missing global api key"]}}
      """;

  static final String INSTANCE_MISSING_404 =
      """
      {"status":404,"error":"Not Found",
       "response":{"message":["The \\"clinic_moreira_instance\\" instance does not exist"]}}
      """;

  /**
   * Shape of #1412 (response.message is whatever the server threw); the content here is made up to
   * echo the number and the text, so tests can prove neither reaches a failure message.
   */
  static final String INTERNAL_500 =
      """
      {"status":500,"error":"Internal Server Error",
       "response":{"message":"Error: Connection Closed while sending to 5511900000001: Olá Maria! Sua consulta está confirmada para amanhã às 14h."}}
      """;

  /**
   * 200 of {@code POST /chat/findMessages/{instance}} on 2.3.x: newest first, the {@code select} of
   * Evolution's {@code fetchMessages} (id, key, pushName, messageType, message, messageTimestamp,
   * instanceId, source, contextInfo, MessageUpdate).
   */
  static String foundMessages(String... records) {
    return """
        {"messages":{"total":%d,"pages":1,"currentPage":1,"records":[%s]}}
        """
        .formatted(records.length, String.join(",", records));
  }

  /** One stored message as findMessages lists it. */
  static String storedMessage(
      String id, String remoteJid, boolean fromMe, String text, long epochSeconds) {
    return """
        {"id":"cmhz%s","key":{"id":"%s","fromMe":%s,"remoteJid":"%s"},
         "pushName":"","messageType":"conversation","message":{"conversation":"%s"},
         "messageTimestamp":%d,"instanceId":"516a733b-03da-4784-a972-eb398c8caf40",
         "source":"unknown","contextInfo":null,"MessageUpdate":[{"status":"SERVER_ACK"}]}
        """
        .formatted(id.toLowerCase(), id, fromMe, remoteJid, text, epochSeconds);
  }

  static final String VOICE_NOTE_ID = "3B64E98B3C8E40852793";

  /** The bytes the fake server hands out for the voice note (an Ogg page header, then data). */
  static final byte[] VOICE_NOTE_BYTES = {
    'O', 'g', 'g', 'S', 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, (byte) 0xff, 0x00
  };

  /** 200/201 of getBase64FromMediaMessage for a voice note. */
  static String mediaResponse(String base64, String mimetype) {
    return """
        {"mediaType":"audioMessage",
         "fileName":"3B64E98B3C8E40852793.oga",
         "size":{"fileLength":"20","height":0,"width":0},
         "mimetype":%s,
         "base64":"%s",
         "buffer":null}
        """
        .formatted(mimetype == null ? "null" : "\"" + mimetype + "\"", base64);
  }

  /** Media that Evolution could not find or download: 400. */
  static final String MEDIA_NOT_FOUND_400 =
      """
      {"status":400,"error":"Bad Request","response":{"message":["Message not found"]}}
      """;

  /** A fake Evolution server on loopback, one per test class ({@code @RegisterExtension}). */
  static WireMockExtension loopbackServer() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .build();
  }

  /** A JSON answer as Evolution writes it (Nest sets the charset). */
  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  /** {@code clinicflow.messages.sent{channel=whatsapp}} for one clinic and outcome; 0 if unseen. */
  static double sentCount(MeterRegistry meters, String tenantId, String outcome) {
    var counter =
        meters
            .find(SendMetrics.NAME)
            .tags("channel", "whatsapp", "tenant", tenantId, "outcome", outcome)
            .counter();
    return counter == null ? 0.0 : counter.count();
  }

  private EvolutionWire() {}
}
