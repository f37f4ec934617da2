package com.clinicflow.activities.gemini;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MimeTypes;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.MediaRef;
import com.google.genai.types.Blob;
import com.google.genai.types.Part;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a voice note reaches Gemini: its words once it was transcribed, else the recording, fetched
 * from its channel for this call. The recording of the message being answered must be fetched (a
 * failure fails the call, typed); one of an earlier turn may have gone, and becomes a placeholder.
 */
final class VoiceNoteParts {

  /**
   * Placeholder for a voice note of an earlier turn that can no longer be fetched: the model learns
   * that something was said without the turn failing on it.
   */
  static final String EARLIER_MEDIA_GONE = "[an earlier voice note, no longer available]";

  /** Placeholder for a voice note whose bytes came back empty (a gateway in sandbox mode). */
  static final String MEDIA_EMPTY = "[a voice note that could not be played]";

  /** How a voice note that was transcribed earlier reaches the model: its words. */
  static final String HEARD_PREFIX = "[voice note] ";

  /** A voice note of the message being answered, fetched for this call and not transcribed yet. */
  record Heard(MediaRef ref, Part audio) {}

  private static final Logger log = LoggerFactory.getLogger(VoiceNoteParts.class);

  private final MediaFetcher mediaFetcher;

  VoiceNoteParts(MediaFetcher mediaFetcher) {
    this.mediaFetcher = mediaFetcher;
  }

  /**
   * The Gemini part of {@code part} (a media part): of an earlier turn when {@code memory}; a
   * recording fetched for the message being answered is added to {@code heard}, to be transcribed.
   */
  Part part(ChatPart part, boolean memory, List<Heard> heard) {
    if (part.transcript() != null) {
      return Part.fromText(HEARD_PREFIX + part.transcript());
    }
    if (memory) {
      return earlier(part.media());
    }
    Part audio = recording(part.media());
    if (audio.inlineData().isPresent()) {
      heard.add(new Heard(part.media(), audio));
    }
    return audio;
  }

  /**
   * A voice note of an earlier turn, fetched again so the model hears what was said. A gateway
   * keeps media for a while only (WhatsApp's servers drop it after weeks, Evolution may clean its
   * store): when it is gone, or the gateway fails, the note becomes a placeholder. Failing would
   * fail every later turn of the conversation for as long as the note stays in memory; the model's
   * own answer to it is in memory beside it.
   */
  private Part earlier(MediaRef ref) {
    try {
      return recording(ref);
    } catch (RuntimeException e) {
      log.warn(
          "An earlier voice note of tenant {} could not be fetched ({}); sent as a placeholder",
          ref.tenantId(),
          e instanceof ApplicationFailure failure
              ? failure.getType()
              : e.getClass().getSimpleName());
      return Part.fromText(EARLIER_MEDIA_GONE);
    }
  }

  private Part recording(MediaRef ref) {
    MediaFetcher.Media media = mediaFetcher.fetch(ref);
    if (media.bytes() == null || media.bytes().length == 0) {
      // No bytes to give (a gateway in sandbox mode): say that something could not be played rather
      // than send the model an empty recording.
      return Part.fromText(MEDIA_EMPTY);
    }
    // WhatsApp announces "audio/ogg; codecs=opus"; Gemini wants the bare type.
    String mimeType = MimeTypes.firstBare(media.mimeType(), ref.mimeType());
    return Part.builder().inlineData(Blob.builder().data(media.bytes()).mimeType(mimeType)).build();
  }
}
