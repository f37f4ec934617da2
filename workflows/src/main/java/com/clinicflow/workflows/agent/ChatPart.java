package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One part of a {@link ChatMessage}; exactly one of text, media, tool call or tool result is set.
 *
 * @param thoughtSignature opaque signature a thinking model attached to this part; it must be sent
 *     back unchanged with the part, or the model loses its reasoning about the tool call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatPart(
    @JsonProperty("text") String text,
    @JsonProperty("media") MediaRef media,
    @JsonProperty("tool_call") ToolCall toolCall,
    @JsonProperty("tool_result") ToolResult toolResult,
    @JsonProperty("thought_signature") String thoughtSignature) {

  public static ChatPart text(String text) {
    return new ChatPart(text, null, null, null, null);
  }

  public static ChatPart media(MediaRef media) {
    return new ChatPart(null, media, null, null, null);
  }

  public static ChatPart toolCall(ToolCall call, String thoughtSignature) {
    return new ChatPart(null, null, call, null, thoughtSignature);
  }

  public static ChatPart toolResult(ToolResult result) {
    return new ChatPart(null, null, null, result, null);
  }
}
