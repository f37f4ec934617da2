package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One part of a {@link ChatMessage}; exactly one of text, media, tool call or tool result is set.
 *
 * @param thoughtSignature opaque signature a thinking model attached to this part; it must be sent
 *     back unchanged with the part, or the model loses its reasoning about the tool call
 * @param transcript what a piece of media ({@code media}) says or shows, once the model's call has
 *     heard it: a voice note's words, a photo's or a document's text and description. Later calls
 *     read it instead of fetching the media again, and operators read it in the transcript; null
 *     until then (and for every other part)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatPart(
    @JsonProperty("text") String text,
    @JsonProperty("media") MediaRef media,
    @JsonProperty("tool_call") ToolCall toolCall,
    @JsonProperty("tool_result") ToolResult toolResult,
    @JsonProperty("thought_signature") String thoughtSignature,
    @JsonProperty("transcript") String transcript) {

  public static ChatPart text(String text) {
    return new ChatPart(text, null, null, null, null, null);
  }

  /** Text the model wrote, with the signature it attached (null when none). */
  public static ChatPart modelText(String text, String thoughtSignature) {
    return new ChatPart(text, null, null, null, thoughtSignature, null);
  }

  public static ChatPart media(MediaRef media) {
    return new ChatPart(null, media, null, null, null, null);
  }

  public static ChatPart toolCall(ToolCall call, String thoughtSignature) {
    return new ChatPart(null, null, call, null, thoughtSignature, null);
  }

  public static ChatPart toolResult(ToolResult result) {
    return new ChatPart(null, null, null, result, null, null);
  }

  /** This media part with what it says. */
  public ChatPart heard(String transcript) {
    return new ChatPart(text, media, toolCall, toolResult, thoughtSignature, transcript);
  }
}
