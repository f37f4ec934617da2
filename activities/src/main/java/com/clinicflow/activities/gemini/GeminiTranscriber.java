package com.clinicflow.activities.gemini;

import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.MediaKind;
import com.google.genai.Client;
import com.google.genai.errors.ApiException;
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
 * Asks Gemini what the media a model call hears says or shows, in a second call per piece of media
 * that runs while the model answers, so the answer does not wait for it: a voice note's words, a
 * photo's text and what it shows, a document's kind and text. The answer is kept beside the media
 * ({@code ChatPart.transcript}): later calls read it instead of fetching the media again, and
 * operators read it in the transcript. A transcript that fails or comes late is simply missing: the
 * next call fetches the media again and asks again, and the words it gets are kept beside the media
 * in its own turn ({@code TurnRecord.heardEarlier}).
 */
final class GeminiTranscriber implements AutoCloseable {

  static final String VOICE_NOTE_INSTRUCTION =
      "Transcribe this voice note word for word, in the language it is spoken. Answer with the"
          + " transcript only, without comments. If nothing is said, answer with nothing.";

  static final String PHOTO_INSTRUCTION =
      "This is a photo a patient sent to a clinic. For a colleague who cannot see it: first write"
          + " out any text in it word for word, then describe in one or two sentences what it"
          + " shows. Answer with that only, without comments; write in the language of the text in"
          + " it, or in English if it has none.";

  static final String DOCUMENT_INSTRUCTION =
      "This is a document a patient sent to a clinic. For a colleague who cannot open it: say what"
          + " kind of document it is, then write out its text; for a long document, only what"
          + " matters to the clinic (names, dates, requested exams or treatments, results). Answer"
          + " with that only, in the document's language.";

  static final String VIDEO_INSTRUCTION =
      "This is a video a patient sent to a clinic. For a colleague who cannot watch it: first write"
          + " out what is said in it word for word, then describe in one or two sentences what it"
          + " shows. Answer with that only, without comments; write in the language spoken, or in"
          + " English if nothing is said.";

  /**
   * Most a photo's, a document's or a video's description may take: a long PDF written out whole
   * would cost more than the answer, and every later call reads the description again.
   */
  static final int MAX_DESCRIPTION_TOKENS = 1024;

  /** How long a transcript of the media being answered may still take once the model answered. */
  static final Duration LATE_BY_AT_MOST = Duration.ofSeconds(10);

  /**
   * How long the words of an earlier turn's media may still take once the model answered: media
   * whose description always takes long (a long PDF) must not hold every later answer for {@link
   * #LATE_BY_AT_MOST}; the next call asks again.
   */
  static final Duration EARLIER_LATE_BY_AT_MOST = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(GeminiTranscriber.class);

  private final GeminiProperties properties;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "clinicflow-transcripts");
            thread.setDaemon(true);
            return thread;
          });

  private final ModelFallback fallback;

  /**
   * @param fallback the second model an overloaded model's transcript is asked of, as the answer's
   *     own call is: a voice note's words are worth as much as the answer
   */
  GeminiTranscriber(GeminiProperties properties, ModelFallback fallback) {
    this.properties = properties;
    this.fallback = fallback;
  }

  /**
   * What one piece of media's call gave: its transcript (null when it failed) and the tokens it
   * cost.
   */
  record Outcome(
      MediaKind kind,
      LlmReply.Transcript transcript,
      String status,
      int promptTokens,
      int outputTokens) {}

  /** The transcripts asked for, running. */
  final class Pending {
    private final List<MediaParts.Heard> media;
    private final List<Future<Outcome>> calls;

    private Pending(List<MediaParts.Heard> media, List<Future<Outcome>> calls) {
      this.media = media;
      this.calls = calls;
    }

    /**
     * Each piece of media's outcome, waiting at most {@link #LATE_BY_AT_MOST} in all ({@link
     * #EARLIER_LATE_BY_AT_MOST} for an earlier turn's).
     */
    List<Outcome> await() {
      long now = System.nanoTime();
      long deadline = now + LATE_BY_AT_MOST.toNanos();
      long earlierDeadline = now + EARLIER_LATE_BY_AT_MOST.toNanos();
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        Future<Outcome> call = calls.get(i);
        MediaKind kind = media.get(i).ref().kind();
        long until = media.get(i).earlier() ? earlierDeadline : deadline;
        try {
          outcomes.add(call.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          call.cancel(true);
          outcomes.add(new Outcome(kind, null, "late", 0, 0));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancel();
          return outcomes;
        } catch (Exception e) {
          outcomes.add(new Outcome(kind, null, "failed", 0, 0));
        }
      }
      return outcomes;
    }

    /** The model's call failed: its transcripts are of no use (a retry asks again). */
    void cancel() {
      calls.forEach(call -> call.cancel(true));
    }

    boolean isEmpty() {
      return media.isEmpty();
    }
  }

  /**
   * Starts a call per piece of media with {@code client}, for the kinds asked for: voice notes when
   * {@code transcribe-voice-notes}, photos and documents when {@code describe-attachments}.
   */
  Pending start(Client client, List<MediaParts.Heard> heard, String tenant) {
    List<MediaParts.Heard> asked = heard.stream().filter(h -> wanted(h.ref().kind())).toList();
    List<Future<Outcome>> calls = new ArrayList<>();
    for (MediaParts.Heard media : asked) {
      calls.add(executor.submit(() -> transcribe(client, media, tenant)));
    }
    return new Pending(asked, calls);
  }

  private boolean wanted(MediaKind kind) {
    return kind == MediaKind.VOICE_NOTE
        ? properties.transcribeVoiceNotes()
        : properties.describeAttachments();
  }

  /** What the model is asked about media of {@code kind}. */
  static String instruction(MediaKind kind) {
    return switch (kind) {
      case PHOTO -> PHOTO_INSTRUCTION;
      case DOCUMENT -> DOCUMENT_INSTRUCTION;
      case VIDEO -> VIDEO_INSTRUCTION;
      case VOICE_NOTE -> VOICE_NOTE_INSTRUCTION;
    };
  }

  private Outcome transcribe(Client client, MediaParts.Heard media, String tenant) {
    MediaKind kind = media.ref().kind();
    try {
      GenerateContentResponse response = ask(client, media, kind, tenant);
      String words = text(response);
      if (words == null) {
        log.warn("Transcript of a {} for tenant {}: no candidate", kind.label(), tenant);
        return new Outcome(kind, null, "failed", 0, 0);
      }
      int[] tokens = GeminiReplyMapper.tokens(response);
      return new Outcome(
          kind, new LlmReply.Transcript(media.ref(), words), "ok", tokens[0], tokens[1]);
    } catch (RuntimeException e) {
      // The answer goes on without it; never the exception's message, which can quote the call.
      log.warn(
          "Transcript of a {} for tenant {} failed: {}",
          kind.label(),
          tenant,
          e.getClass().getSimpleName());
      return new Outcome(kind, null, "failed", 0, 0);
    }
  }

  /** The model's answer, or the fallback model's when the model is overloaded or out of quota. */
  private GenerateContentResponse ask(
      Client client, MediaParts.Heard media, MediaKind kind, String tenant) {
    List<Content> contents =
        List.of(
            Content.builder()
                .role("user")
                .parts(List.of(media.media(), Part.fromText(instruction(kind))))
                .build());
    GenerateContentConfig config = config(kind);
    try {
      return client.models.generateContent(properties.model(), contents, config);
    } catch (ApiException e) {
      if (fallback.appliesTo(e)) {
        return fallback.ask(client, contents, config, tenant, GeminiFailures.from(e));
      }
      throw e;
    }
  }

  private GenerateContentConfig config(MediaKind kind) {
    GenerateContentConfig.Builder config = GenerateContentConfig.builder().temperature(0f);
    if (kind != MediaKind.VOICE_NOTE) {
      config.maxOutputTokens(MAX_DESCRIPTION_TOKENS);
    }
    if (properties.thinkingBudget() != null && properties.thinkingBudget() >= 0) {
      config.thinkingConfig(ThinkingConfig.builder().thinkingBudget(properties.thinkingBudget()));
    }
    return config.build();
  }

  /**
   * The candidate's text parts, thoughts left out: empty when the media says nothing, null when
   * there is no candidate (a blocked request says nothing about the media).
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
    return GeminiReplyMapper.storable(words.toString()).strip();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
