package com.clinicflow.activities.gemini;

import com.clinicflow.workflows.common.HeaderValues;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Google Gemini settings ({@code clinicflow.gemini.*}). Without an API key the LLM runs in sandbox
 * (a labelled offline reply); a clinic's own key in {@code tenant_secrets} overrides the shared one
 * per call.
 *
 * @param baseUrl API root; tests point it at a local fake
 * @param apiKey the shared key; none = sandbox. Never logged ({@link #toString()} hides it)
 * @param model e.g. {@code gemini-2.5-flash}
 * @param apiVersion path segment of the API. {@code v1beta}, not the SDK's default {@code v1}: the
 *     features the agent loop depends on (function declarations given as JSON Schema through {@code
 *     parametersJsonSchema}, {@code thinkingConfig}, and the {@code thoughtSignature} a thinking
 *     model attaches to its function calls and expects back) ship on v1beta first, and the Gemini
 *     docs for function calling with thought signatures are written against it
 * @param timeout of one HTTP call; the LLM activity's start-to-close timeout must be longer
 * @param temperature sampling temperature; empty = the model's default
 * @param thinkingBudget thinking tokens; 0 (default) turns thinking off on Flash models, because a
 *     patient waits on WhatsApp and thinking adds seconds before the first token. Negative (e.g.
 *     -1) or null = send no thinking config and leave it to the model (dynamic thinking on 2.5
 *     models; also the setting for models that do not think at all). Models that cannot stop
 *     thinking (2.5 Pro) refuse 0 with HTTP 400
 * @param transcribeVoiceNotes whether the call that hears a voice note also asks the model for its
 *     transcript (a second, shorter call at the same time), kept in memory beside the note: later
 *     calls read the words instead of fetching the recording again, and operators read them in the
 *     transcript. Off: every call fetches every voice note still in memory
 * @param describeAttachments whether the call that sees a photo, a PDF or a video also asks the
 *     model for its text (a video's words) and a short description (a second call at the same time,
 *     at most {@code GeminiTranscriber.MAX_DESCRIPTION_TOKENS} long), kept in memory beside it as a
 *     voice note's words are. Off: every call fetches every photo, document and video still in
 *     memory
 * @param fallbackModel a second model a call is asked of, once, when {@code model} answers that it
 *     is overloaded or out of quota (HTTP 429 or 5xx), e.g. {@code gemini-2.5-flash-lite}; it must
 *     accept the same settings (thinking budget, tools). None (default) = no second model
 */
@ConfigurationProperties(prefix = "clinicflow.gemini")
public record GeminiProperties(
    @DefaultValue(DEFAULT_BASE_URL) String baseUrl,
    String apiKey,
    @DefaultValue(DEFAULT_MODEL) String model,
    @DefaultValue(DEFAULT_API_VERSION) String apiVersion,
    @DefaultValue("60s") Duration timeout,
    @DefaultValue("0.3") Float temperature,
    @DefaultValue("0") Integer thinkingBudget,
    @DefaultValue("true") Boolean transcribeVoiceNotes,
    @DefaultValue("true") Boolean describeAttachments,
    String fallbackModel) {

  static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/";
  static final String DEFAULT_MODEL = "gemini-2.5-flash";
  static final String DEFAULT_API_VERSION = "v1beta";

  /**
   * Blank values fall back to the defaults so that an empty environment variable (a common
   * docker-compose leftover) means "not set", never "call an empty URL".
   */
  public GeminiProperties {
    baseUrl = blankToNull(baseUrl) == null ? DEFAULT_BASE_URL : baseUrl.trim();
    apiKey = HeaderValues.checkedSetting(blankToNull(apiKey), "clinicflow.gemini.api-key");
    model = blankToNull(model) == null ? DEFAULT_MODEL : model.trim();
    apiVersion = blankToNull(apiVersion) == null ? DEFAULT_API_VERSION : apiVersion.trim();
    timeout =
        timeout == null || timeout.isZero() || timeout.isNegative()
            ? Duration.ofSeconds(60)
            : timeout;
    transcribeVoiceNotes = transcribeVoiceNotes == null || transcribeVoiceNotes;
    describeAttachments = describeAttachments == null || describeAttachments;
    fallbackModel = blankToNull(fallbackModel) == null ? null : fallbackModel.trim();
  }

  /** Settings pointing at {@code baseUrl} with {@code apiKey}, everything else default. */
  public static GeminiProperties of(String baseUrl, String apiKey) {
    return new GeminiProperties(baseUrl, apiKey, null, null, null, 0.3f, 0, true, true, null);
  }

  /** True when a shared key is configured, i.e. Gemini is live rather than sandboxed. */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  /** Without the key: records print themselves into logs and failure messages. */
  @Override
  public String toString() {
    return "GeminiProperties[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", model="
        + model
        + ", apiVersion="
        + apiVersion
        + ", timeout="
        + timeout
        + ", temperature="
        + temperature
        + ", thinkingBudget="
        + thinkingBudget
        + ", transcribeVoiceNotes="
        + transcribeVoiceNotes
        + ", describeAttachments="
        + describeAttachments
        + ", fallbackModel="
        + fallbackModel
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
