package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param transcripts what the media of the message being answered says or shows (a voice note's
 *     words, a photo's or a document's text and description), for those the call could hear; empty
 *     (or null, in replies recorded before transcripts) otherwise
 */
public record LlmReply(
    @JsonProperty("message") ChatMessage message,
    @JsonProperty("text") String text,
    @JsonProperty("tool_calls") List<ToolCall> toolCalls,
    @JsonProperty("prompt_tokens") int promptTokens,
    @JsonProperty("output_tokens") int outputTokens,
    // Left out when empty: replies without media record what they recorded before.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("transcripts")
        List<Transcript> transcripts) {

  /** A reply without transcripts. */
  public LlmReply(
      ChatMessage message,
      String text,
      List<ToolCall> toolCalls,
      int promptTokens,
      int outputTokens) {
    this(message, text, toolCalls, promptTokens, outputTokens, List.of());
  }

  /** What one piece of media says or shows. */
  public record Transcript(
      @JsonProperty("media") MediaRef media, @JsonProperty("text") String text) {}

  /** This reply with {@code heard}'s transcripts. */
  public LlmReply withTranscripts(List<Transcript> heard) {
    return new LlmReply(message, text, toolCalls, promptTokens, outputTokens, List.copyOf(heard));
  }

  public boolean wantsTools() {
    return toolCalls != null && !toolCalls.isEmpty();
  }
}
