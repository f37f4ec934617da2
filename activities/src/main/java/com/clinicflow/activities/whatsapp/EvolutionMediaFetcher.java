package com.clinicflow.activities.whatsapp;

import com.clinicflow.activities.Heartbeats;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MimeTypes;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.tenant.Channel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Fetches a WhatsApp media message (a voice note, a photo, a PDF) through Evolution API v2: {@code
 * POST {base}/chat/getBase64FromMediaMessage/{instance}} with the message's {@code key.id}.
 * WhatsApp's CDN URL in the webhook holds encrypted bytes; Evolution looks the message up in its
 * own store (message saving must be on) and returns it decrypted, as base64.
 *
 * <p>Evolution retries a failed download once, 5 s later, inside the call, hence the separate and
 * longer {@code media-timeout}. Failures as for sending: 400 (media not found or not downloadable)
 * is {@code BAD_REQUEST}, not retried; 5xx, timeouts and I/O are retried. An answer over {@link
 * #MAX_ANSWER_BYTES} is {@code BAD_REQUEST} too, given up while it is read: the model is told the
 * media could not be opened.
 */
public class EvolutionMediaFetcher implements MediaFetcher {

  static final String GET_BASE64_PATH = "/chat/getBase64FromMediaMessage";

  /**
   * Most of an answer read, base64 JSON included (about 15 MiB of media): a patient can send a 100
   * MB PDF, which Evolution answers as 133 MB of JSON. Larger media would not fit in what one
   * Gemini request may carry anyway.
   */
  static final long MAX_ANSWER_BYTES = 20L * 1024 * 1024;

  private final EvolutionProperties properties;
  private final EvolutionClient client;
  private final long maxAnswerBytes;

  /**
   * @param http shared client (HTTP/1.1, connect timeout set, no redirects)
   * @param secrets per-tenant instance tokens ({@link TenantSecrets#EVOLUTION_API_KEY})
   */
  public EvolutionMediaFetcher(
      EvolutionProperties properties, OkHttpClient http, TenantSecrets secrets) {
    this(properties, http, secrets, MAX_ANSWER_BYTES);
  }

  /** With a smaller limit on the answer, for tests. */
  EvolutionMediaFetcher(
      EvolutionProperties properties,
      OkHttpClient http,
      TenantSecrets secrets,
      long maxAnswerBytes) {
    this.properties = properties;
    this.client = new EvolutionClient(properties, http, secrets, new ObjectMapper());
    this.maxAnswerBytes = maxAnswerBytes;
  }

  /** WhatsApp media only: a Telegram file is the staff bot's. */
  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public Media fetch(MediaRef ref) {
    if (ref == null || blank(ref.providerMessageId()) || blank(ref.tenantId())) {
      throw Errors.BAD_REQUEST.failure("Media reference without a message id or tenant");
    }
    if (blank(ref.instanceName())) {
      throw Errors.CONFIGURATION.failure("The clinic has no Evolution instance name");
    }
    // Only the key: the message body (with its media key) stays out of workflow history, and
    // Evolution finds the rest in its store.
    Map<String, Object> body =
        Map.of(
            "message", Map.of("key", Map.of("id", ref.providerMessageId())), "convertToMp4", false);
    // Up to media-timeout (45 s by default) in one call: heartbeat through it when it runs inside
    // an activity, so a slow download is not mistaken for a dead worker.
    JsonNode response =
        Heartbeats.whileRunning(
            () ->
                client.post(
                    "getBase64FromMediaMessage",
                    GET_BASE64_PATH,
                    ref.instanceName(),
                    client.apiKeyFor(ref.tenantId()),
                    body,
                    properties.mediaTimeout(),
                    maxAnswerBytes));
    byte[] bytes = decode(response.path("base64"), ref.instanceName());
    String mimeType = MimeTypes.firstBare(response.path("mimetype").asText(null), ref.mimeType());
    return new Media(bytes, mimeType);
  }

  private static byte[] decode(JsonNode base64, String instance) {
    if (!base64.isTextual() || base64.textValue().isEmpty()) {
      throw Errors.UPSTREAM_UNAVAILABLE.failure(
          "Evolution getBase64FromMediaMessage returned no media (instance " + instance + ")");
    }
    String text = base64.textValue();
    // Tolerate a data URI and line breaks, which some gateways and proxies add.
    int comma = text.startsWith("data:") ? text.indexOf(',') : -1;
    try {
      return Base64.getMimeDecoder().decode(comma < 0 ? text : text.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      throw Errors.UPSTREAM_UNAVAILABLE.failure(
          "Evolution getBase64FromMediaMessage returned invalid base64 (instance "
              + instance
              + ")");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
