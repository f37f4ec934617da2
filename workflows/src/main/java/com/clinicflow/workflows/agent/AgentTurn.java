package com.clinicflow.workflows.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * How far one turn of an {@link AgentLoop} got, kept by the calling workflow so that a retry after
 * a failure continues where it stopped: tool results already obtained are reused and finished tools
 * never run again. Patient turns and staff turns extend it with what they answer.
 */
public class AgentTurn {

  private final String key;
  private List<ChatMessage> memory;
  private final List<ChatMessage> newMessages = new ArrayList<>();
  private final List<LlmReply.Transcript> heardEarlier = new ArrayList<>();
  private int toolRounds;
  private String replyText;

  /**
   * @param key unique within the conversation; tool idempotency keys are derived from it
   */
  public AgentTurn(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The memory window loaded for this turn, or null before it is loaded. */
  public List<ChatMessage> memory() {
    return memory;
  }

  public void setMemory(List<ChatMessage> memory) {
    this.memory = memory;
  }

  /** This turn's messages so far (the user's words, tool calls and results, the answer). */
  public List<ChatMessage> newMessages() {
    return newMessages;
  }

  /**
   * Keeps what media says or shows beside it ({@link ChatPart#transcript}), so that the rest of the
   * turn and every later one read the words instead of fetching the media again: this turn's media,
   * and media of the memory that had no words yet ({@link #heardEarlier}, saved with the turn). The
   * transcripts come from the model's activity: a replay gets the same ones.
   */
  void hear(List<LlmReply.Transcript> transcripts) {
    if (transcripts == null || transcripts.isEmpty()) {
      return;
    }
    newMessages.replaceAll(message -> heard(message, transcripts));
    if (memory == null) {
      return;
    }
    for (LlmReply.Transcript transcript : transcripts) {
      boolean unheardInMemory =
          memory.stream()
              .flatMap(message -> message.parts().stream())
              .anyMatch(
                  part -> transcript.media().equals(part.media()) && part.transcript() == null);
      if (unheardInMemory) {
        heardEarlier.add(transcript);
      }
    }
    memory = memory.stream().map(message -> heard(message, transcripts)).toList();
  }

  /**
   * What media of the memory says or shows, heard by this turn's model calls: to be kept beside
   * that media in the turn that holds it.
   */
  public List<LlmReply.Transcript> heardEarlier() {
    return heardEarlier;
  }

  /** {@code message} with the words of its media that one of {@code transcripts} heard. */
  private static ChatMessage heard(ChatMessage message, List<LlmReply.Transcript> transcripts) {
    return new ChatMessage(
        message.role(), message.parts().stream().map(part -> heard(part, transcripts)).toList());
  }

  /** {@code part} with its words when it is media that one of {@code transcripts} heard. */
  private static ChatPart heard(ChatPart part, List<LlmReply.Transcript> transcripts) {
    if (part.media() == null || part.transcript() != null) {
      return part;
    }
    return transcripts.stream()
        .filter(transcript -> part.media().equals(transcript.media()))
        .findFirst()
        .map(transcript -> part.heard(transcript.text()))
        .orElse(part);
  }

  public int toolRounds() {
    return toolRounds;
  }

  void countToolRound() {
    toolRounds++;
  }

  /** The answer in words, or null while the loop has not finished. */
  public String replyText() {
    return replyText;
  }

  public void setReplyText(String replyText) {
    this.replyText = replyText;
  }
}
