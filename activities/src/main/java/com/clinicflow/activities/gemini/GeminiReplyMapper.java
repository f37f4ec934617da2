package com.clinicflow.activities.gemini;

import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.common.Errors;
import com.google.genai.types.Candidate;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Part;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a google-genai response to ClinicFlow's {@link LlmReply}. */
final class GeminiReplyMapper {

  private GeminiReplyMapper() {}

  /**
   * The first candidate as a model turn, its text and its calls.
   *
   * @throws ApplicationFailure {@code LLM_REFUSED} when there is no candidate (blocked prompt) or
   *     the candidate says nothing (e.g. stopped for safety): a retry would get the same answer
   */
  static LlmReply toReply(GenerateContentResponse response) {
    Candidate candidate = firstCandidate(response).orElse(null);
    if (candidate == null) {
      throw Errors.LLM_REFUSED.failure(
          "Gemini returned no candidate (block reason: " + blockReason(response) + ")");
    }
    List<ChatPart> parts = new ArrayList<>();
    List<ToolCall> toolCalls = new ArrayList<>();
    // Text is joined here rather than taken from response.text(): that method logs a WARNING on
    // every call-only answer, which is half of all agent rounds.
    StringBuilder text = new StringBuilder();
    for (Part part : candidate.content().flatMap(Content::parts).orElse(List.of())) {
      if (part.thought().orElse(false)) {
        continue; // the model's reasoning summary: neither for the patient nor for memory
      }
      String signature = part.thoughtSignature().map(GeminiReplyMapper::base64).orElse(null);
      if (part.functionCall().isPresent()) {
        ToolCall call = toolCall(part.functionCall().get());
        toolCalls.add(call);
        parts.add(ChatPart.toolCall(call, signature));
      } else if (part.text().isPresent()) {
        String words = storable(part.text().get());
        text.append(words);
        parts.add(ChatPart.modelText(words, signature));
      }
    }
    if (toolCalls.isEmpty() && text.toString().isBlank()) {
      throw Errors.LLM_REFUSED.failure(
          "Gemini returned an empty answer (finish reason: " + finishReason(candidate) + ")");
    }
    int[] tokens = tokens(response);
    return new LlmReply(
        new ChatMessage(ChatRole.MODEL, List.copyOf(parts)),
        text.toString(),
        List.copyOf(toolCalls),
        tokens[0],
        tokens[1]);
  }

  private static ToolCall toolCall(FunctionCall call) {
    Map<String, Object> args = new LinkedHashMap<>(call.args().orElse(Map.of()));
    return new ToolCall(call.id().orElse(null), call.name().orElse(""), args);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Prompt and output tokens. Output includes thinking tokens: Google bills them as output, and the
   * counters exist to follow cost per clinic.
   */
  /** The answer Gemini gives (it is asked for one); empty when the prompt was blocked. */
  static Optional<Candidate> firstCandidate(GenerateContentResponse response) {
    return response.candidates().filter(list -> !list.isEmpty()).map(list -> list.get(0));
  }

  /** Tokens read and written (thinking included), as {@code {prompt, output}}. */
  static int[] tokens(GenerateContentResponse response) {
    Optional<GenerateContentResponseUsageMetadata> usage = response.usageMetadata();
    int prompt = usage.flatMap(GenerateContentResponseUsageMetadata::promptTokenCount).orElse(0);
    int output =
        usage.flatMap(GenerateContentResponseUsageMetadata::candidatesTokenCount).orElse(0)
            + usage.flatMap(GenerateContentResponseUsageMetadata::thoughtsTokenCount).orElse(0);
    return new int[] {prompt, output};
  }

  // Enum names only: the reasons are Google's codes, never text from the conversation.
  /**
   * {@code text} without U+0000, which PostgreSQL's jsonb refuses: a model that wrote one would
   * fail every save of the turn that holds it, and the database's error would quote the text.
   */
  static String storable(String text) {
    return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
  }

  private static String blockReason(GenerateContentResponse response) {
    return response
        .promptFeedback()
        .flatMap(feedback -> feedback.blockReason())
        .map(reason -> GeminiFailures.safeCode(reason.toString()))
        .orElse("none given");
  }

  private static String finishReason(Candidate candidate) {
    return candidate
        .finishReason()
        .map(reason -> GeminiFailures.safeCode(reason.toString()))
        .orElse("none given");
  }
}
