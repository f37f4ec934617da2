package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the LLM answered.
 *
 * @param message the model turn exactly as returned (tool calls keep their thought signatures); it
 *     goes into history and memory as is
 * @param text the reply text when the model answered in words, else empty
 * @param toolCalls the calls it asked for, in order; empty when it answered in words
 * @param promptTokens tokens read, for usage metrics
 * @param outputTokens tokens written
 */
public record LlmReply(
    @JsonProperty("message") ChatMessage message,
    @JsonProperty("text") String text,
    @JsonProperty("tool_calls") List<ToolCall> toolCalls,
    @JsonProperty("prompt_tokens") int promptTokens,
    @JsonProperty("output_tokens") int outputTokens) {

  public boolean wantsTools() {
    return toolCalls != null && !toolCalls.isEmpty();
  }
}
