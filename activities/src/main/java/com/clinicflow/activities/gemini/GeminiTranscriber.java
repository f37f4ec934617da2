package com.clinicflow.activities.gemini;

import com.clinicflow.workflows.agent.LlmReply;
import com.google.genai.Client;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Gemini for the words of the voice notes a model call hears, in a second call per note that
 * runs while the model answers, so the answer does not wait for it. The words are kept beside the
 * note ({@code ChatPart.transcript}): later calls read them instead of fetching the recording
 * again, and operators read them in the transcript. A transcript that fails or comes late is simply
 * missing: the note is then fetched again as before.
 */
final class GeminiTranscriber implements AutoCloseable {

  static final String INSTRUCTION =
      "Transcribe this voice note word for word, in the language it is spoken. Answer with the"
          + " transcript only, without comments. If nothing is said, answer with nothing.";

  /** How long a transcript may still take once the model has answered. */
  static final Duration LATE_BY_AT_MOST = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(GeminiTranscriber.class);

  private final GeminiProperties properties;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "clinicflow-transcripts");
            thread.setDaemon(true);
            return thread;
          });

  GeminiTranscriber(GeminiProperties properties) {
    this.properties = properties;
  }

  /** What one note's call gave: its words (null when it failed) and the tokens it cost. */
  record Outcome(
      LlmReply.Transcript transcript, String status, int promptTokens, int outputTokens) {}

  /** The transcripts asked for, running. */
  final class Pending {
    private final List<VoiceNoteParts.Heard> notes;
    private final List<Future<Outcome>> calls;

    private Pending(List<VoiceNoteParts.Heard> notes, List<Future<Outcome>> calls) {
      this.notes = notes;
      this.calls = calls;
    }

    /** Each note's outcome, waiting at most {@link #LATE_BY_AT_MOST} in all. */
    List<Outcome> await() {
      long deadline = System.nanoTime() + LATE_BY_AT_MOST.toNanos();
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        Future<Outcome> call = calls.get(i);
        try {
          outcomes.add(call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          call.cancel(true);
          outcomes.add(new Outcome(null, "late", 0, 0));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancel();
          return outcomes;
        } catch (Exception e) {
          outcomes.add(new Outcome(null, "failed", 0, 0));
        }
      }
      return outcomes;
    }

    /** The model's call failed: its transcripts are of no use (a retry asks again). */
    void cancel() {
      calls.forEach(call -> call.cancel(true));
    }

    boolean isEmpty() {
      return notes.isEmpty();
    }
  }

  /** Starts a transcript call per note with {@code client}; none when transcripts are off. */
  Pending start(Client client, List<VoiceNoteParts.Heard> notes, String tenant) {
    if (!properties.transcribeVoiceNotes() || notes.isEmpty()) {
      return new Pending(List.of(), List.of());
    }
    List<Future<Outcome>> calls = new ArrayList<>();
    for (VoiceNoteParts.Heard note : notes) {
      calls.add(executor.submit(() -> transcribe(client, note, tenant)));
    }
    return new Pending(List.copyOf(notes), calls);
  }

  private Outcome transcribe(Client client, VoiceNoteParts.Heard note, String tenant) {
    try {
      GenerateContentResponse response =
          client.models.generateContent(
              properties.model(),
              List.of(
                  Content.builder()
                      .role("user")
                      .parts(List.of(note.audio(), Part.fromText(INSTRUCTION)))
                      .build()),
              config());
      String words = text(response);
      if (words == null) {
        log.warn("Transcript of a voice note for tenant {}: no candidate", tenant);
        return new Outcome(null, "failed", 0, 0);
      }
      int[] tokens = GeminiReplyMapper.tokens(response);
      return new Outcome(new LlmReply.Transcript(note.ref(), words), "ok", tokens[0], tokens[1]);
    } catch (RuntimeException e) {
      // The answer goes on without it; never the exception's message, which can quote the call.
      log.warn(
          "Transcript of a voice note for tenant {} failed: {}",
          tenant,
          e.getClass().getSimpleName());
      return new Outcome(null, "failed", 0, 0);
    }
  }

  private GenerateContentConfig config() {
    GenerateContentConfig.Builder config = GenerateContentConfig.builder().temperature(0f);
    if (properties.thinkingBudget() != null && properties.thinkingBudget() >= 0) {
      config.thinkingConfig(ThinkingConfig.builder().thinkingBudget(properties.thinkingBudget()));
    }
    return config.build();
  }

  /**
   * The candidate's text parts, thoughts left out: empty when the note says nothing, null when
   * there is no candidate (a blocked request says nothing about the note).
   */
  private static String text(GenerateContentResponse response) {
    var candidate = GeminiReplyMapper.firstCandidate(response);
    if (candidate.isEmpty()) {
      return null;
    }
    StringBuilder words = new StringBuilder();
    candidate.flatMap(c -> c.content()).flatMap(Content::parts).orElse(List.of()).stream()
        .filter(part -> !part.thought().orElse(false))
        .forEach(part -> part.text().ifPresent(words::append));
    return words.toString().strip();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
