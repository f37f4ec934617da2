package com.clinicflow.workflows.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One message of a conversation as the agent sees it: who spoke and what. Vendor-neutral, so that
 * memory in PostgreSQL and workflow histories do not depend on an LLM SDK's classes; the LLM
 * adapter maps it to and from the vendor's wire format.
 */
public record ChatMessage(
    @JsonProperty("role") ChatRole role, @JsonProperty("parts") List<ChatPart> parts) {

  public static ChatMessage userText(String text) {
    return new ChatMessage(ChatRole.USER, List.of(ChatPart.text(text)));
  }

  public static ChatMessage modelText(String text) {
    return new ChatMessage(ChatRole.MODEL, List.of(ChatPart.text(text)));
  }

  /** The text parts joined, for transcripts; empty when there are none. */
  public String joinedText() {
    StringBuilder out = new StringBuilder();
    for (ChatPart part : parts) {
      if (part.text() != null) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(part.text());
      }
    }
    return out.toString();
  }
}
