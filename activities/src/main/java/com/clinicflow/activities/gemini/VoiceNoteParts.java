package com.clinicflow.activities.gemini;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MimeTypes;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import com.google.genai.types.Blob;
import com.google.genai.types.Part;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a voice note reaches Gemini: its words once it was transcribed, else the recording, fetched
 * from its channel for this call. One the gateway refuses for good ({@code BAD_REQUEST}: not found,
 * not downloadable) or that has no bytes becomes a placeholder, so the model can ask the patient to
 * write or send it again; any other failure to fetch the note being answered fails the call, typed
 * (a gateway that is down is retried; a wrong key or instance needs an operator). An earlier turn's
 * note that cannot be fetched for any reason becomes a placeholder too.
 */
final class VoiceNoteParts {

  /**
   * Placeholder for a voice note of an earlier turn that can no longer be fetched: the model learns
   * that something was said without the turn failing on it.
   */
  static final String EARLIER_MEDIA_GONE = "[an earlier voice note, no longer available]";

  /**
   * Placeholder for a voice note being answered that the gateway refused for good or gave no bytes
   * for (a gateway in sandbox mode).
   */
  static final String UNPLAYABLE = "[a voice note that could not be played]";

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
    Part audio = current(part.media());
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

  /**
   * The note being answered. A 400 from the gateway (the message is not in Evolution's store, its
   * media can no longer be downloaded) will not change on a retry: failing the call would end the
   * turn waiting for an operator with the clinic's fallback message, where the model can simply ask
   * the patient to write or send the note again.
   */
  private Part current(MediaRef ref) {
    try {
      return recording(ref);
    } catch (ApplicationFailure failure) {
      if (!Errors.BAD_REQUEST.name().equals(failure.getType())) {
        throw failure;
      }
      log.warn(
          "A voice note of tenant {} was refused by its gateway (BAD_REQUEST); the model is told"
              + " it could not be played",
          ref.tenantId());
      return Part.fromText(UNPLAYABLE);
    }
  }

  private Part recording(MediaRef ref) {
    MediaFetcher.Media media = mediaFetcher.fetch(ref);
    if (media.bytes() == null || media.bytes().length == 0) {
      // No bytes to give (a gateway in sandbox mode): say that something could not be played rather
      // than send the model an empty recording.
      return Part.fromText(UNPLAYABLE);
    }
    // WhatsApp announces "audio/ogg; codecs=opus"; Gemini wants the bare type.
    String mimeType = MimeTypes.firstBare(media.mimeType(), ref.mimeType());
    return Part.builder().inlineData(Blob.builder().data(media.bytes()).mimeType(mimeType)).build();
  }
}
