package com.clinicflow.activities.gemini;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MimeTypes;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.MediaKind;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import com.google.genai.types.Blob;
import com.google.genai.types.Part;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a patient's media (a voice note, a photo, a PDF) reaches Gemini: what it says or shows once
 * the model has heard it, else the media itself, fetched from its channel for this call. Media the
 * gateway refuses for good ({@code BAD_REQUEST}: not found, not downloadable, too large to fetch)
 * or that has no bytes becomes a placeholder, so the model can ask the patient to write or send it
 * again; any other failure to fetch the media being answered fails the call, typed (a gateway that
 * is down is retried; a wrong key or instance needs an operator). An earlier turn's media that
 * cannot be fetched for any reason becomes a placeholder too.
 *
 * <p>Gemini refuses a request over 20 MB, and inline media travels as base64 (a third more): the
 * media of one request shares {@link #MAX_INLINE_BYTES} ({@link Budget}), and media that would go
 * over it becomes a placeholder rather than failing the patient's turn for good.
 */
final class MediaParts {

  /**
   * Raw bytes of media one request may carry inline: 14 MiB is 18.7 MiB as base64, which leaves
   * room under Gemini's 20 MB per request for the prompt, the history and the tools.
   */
  static final long MAX_INLINE_BYTES = 14L * 1024 * 1024;

  /**
   * What the model reads in place of one kind of media.
   *
   * @param heardPrefix put before what the media says or shows, once the model has heard it
   * @param earlierGone media of an earlier turn that can no longer be fetched: the model learns
   *     that something was sent without the turn failing on it
   * @param unopened media being answered that the gateway refused for good or gave no bytes for (a
   *     gateway in sandbox mode)
   * @param tooLarge media that does not fit in what is left of the request's {@link Budget}
   */
  record Wording(String heardPrefix, String earlierGone, String unopened, String tooLarge) {}

  static final Wording VOICE_NOTE =
      new Wording(
          "[voice note] ",
          "[an earlier voice note, no longer available]",
          "[a voice note that could not be played]",
          "[a voice note too long to play here]");

  static final Wording PHOTO =
      new Wording(
          "[photo] ",
          "[an earlier photo, no longer available]",
          "[a photo that could not be opened]",
          "[a photo too large to open here]");

  static final Wording DOCUMENT =
      new Wording(
          "[document] ",
          "[an earlier document, no longer available]",
          "[a document that could not be opened]",
          "[a document too large to read here]");

  static final Wording VIDEO =
      new Wording(
          "[video] ",
          "[an earlier video, no longer available]",
          "[a video that could not be played]",
          "[a video too large to play here]");

  /** How the model is told about media of {@code kind}. */
  static Wording wording(MediaKind kind) {
    return switch (kind) {
      case PHOTO -> PHOTO;
      case DOCUMENT -> DOCUMENT;
      case VIDEO -> VIDEO;
      case VOICE_NOTE -> VOICE_NOTE;
    };
  }

  /**
   * Media fetched for this call that has no words yet: of the message being answered, or of an
   * earlier turn ({@code earlier}) whose description failed, came late or was switched off then.
   */
  record Heard(MediaRef ref, Part media, boolean earlier) {}

  /** What is left of one request's {@link #MAX_INLINE_BYTES}: one per request, never shared. */
  static final class Budget {
    private long left;

    private Budget(long bytes) {
      this.left = bytes;
    }

    /** Takes {@code bytes} from what is left; false (and nothing taken) when they do not fit. */
    private boolean take(long bytes) {
      if (bytes > left) {
        return false;
      }
      left -= bytes;
      return true;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(MediaParts.class);

  private final MediaFetcher mediaFetcher;
  private final long maxInlineBytes;

  MediaParts(MediaFetcher mediaFetcher) {
    this(mediaFetcher, MAX_INLINE_BYTES);
  }

  /** With another budget per request than Gemini's, for tests. */
  MediaParts(MediaFetcher mediaFetcher, long maxInlineBytes) {
    this.mediaFetcher = mediaFetcher;
    this.maxInlineBytes = maxInlineBytes;
  }

  /** A fresh budget for one request. */
  Budget budget() {
    return new Budget(maxInlineBytes);
  }

  /**
   * The Gemini part of {@code part} (a media part): of an earlier turn when {@code memory}. Media
   * fetched for this call is added to {@code heard}, to be transcribed or described — an earlier
   * turn's too, so that media whose description failed once is not fetched by every later call.
   * Media sent inline is taken from {@code budget}.
   */
  Part part(ChatPart part, boolean memory, List<Heard> heard, Budget budget) {
    MediaRef ref = part.media();
    if (part.transcript() != null) {
      return Part.fromText(wording(ref.kind()).heardPrefix() + part.transcript());
    }
    Part media = memory ? earlier(ref, budget) : current(ref, budget);
    if (media.inlineData().isPresent()) {
      heard.add(new Heard(ref, media, memory));
    }
    return media;
  }

  /**
   * Media of an earlier turn, fetched again so the model sees what was sent. A gateway keeps media
   * for a while only (WhatsApp's servers drop it after weeks, Evolution may clean its store): when
   * it is gone, or the gateway fails, the media becomes a placeholder. Failing would fail every
   * later turn of the conversation for as long as the media stays in memory; the model's own answer
   * to it is in memory beside it.
   */
  private Part earlier(MediaRef ref, Budget budget) {
    try {
      return inline(ref, budget);
    } catch (RuntimeException e) {
      log.warn(
          "An earlier {} of tenant {} could not be fetched ({}); sent as a placeholder",
          ref.kind().label(),
          ref.tenantId(),
          e instanceof ApplicationFailure failure
              ? failure.getType()
              : e.getClass().getSimpleName());
      return Part.fromText(wording(ref.kind()).earlierGone());
    }
  }

  /**
   * The media being answered. A 400 from the gateway (the message is not in Evolution's store, its
   * media can no longer be downloaded, its answer is too large) will not change on a retry: failing
   * the call would end the turn waiting for an operator with the clinic's fallback message, where
   * the model can simply ask the patient to write or send it again.
   */
  private Part current(MediaRef ref, Budget budget) {
    try {
      return inline(ref, budget);
    } catch (ApplicationFailure failure) {
      if (!Errors.BAD_REQUEST.name().equals(failure.getType())) {
        throw failure;
      }
      log.warn(
          "A {} of tenant {} was refused by its gateway (BAD_REQUEST); the model is told it could"
              + " not be opened",
          ref.kind().label(),
          ref.tenantId());
      return Part.fromText(wording(ref.kind()).unopened());
    }
  }

  private Part inline(MediaRef ref, Budget budget) {
    MediaFetcher.Media media = mediaFetcher.fetch(ref);
    if (media.bytes() == null || media.bytes().length == 0) {
      // No bytes to give (a gateway in sandbox mode): say that something could not be opened
      // rather than send the model empty media.
      return Part.fromText(wording(ref.kind()).unopened());
    }
    if (!budget.take(media.bytes().length)) {
      log.warn(
          "A {} of tenant {} ({} bytes) does not fit in the request's {} bytes of inline media;"
              + " sent as a placeholder",
          ref.kind().label(),
          ref.tenantId(),
          media.bytes().length,
          maxInlineBytes);
      return Part.fromText(wording(ref.kind()).tooLarge());
    }
    // WhatsApp announces "audio/ogg; codecs=opus"; Gemini wants the bare type.
    String mimeType = MimeTypes.firstBare(media.mimeType(), ref.mimeType());
    return Part.builder().inlineData(Blob.builder().data(media.bytes()).mimeType(mimeType)).build();
  }
}
