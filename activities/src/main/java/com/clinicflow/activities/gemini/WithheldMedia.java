package com.clinicflow.activities.gemini;

import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.common.Errors;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Media that made Gemini refuse a call. A patient's photo can be blocked by Google's safety filters
 * (a rash photographed for a dermatologist, a child's skin) or refused as malformed (a corrupt
 * image, a codec Gemini does not take): left in the request, it would fail every call that carries
 * it, and the conversation would wait for an operator whose retry fails the same way. Such a call
 * is asked once more with each piece of media replaced by its description when one came, else by
 * {@link #WORDS}; when that answers, those words are the media's transcripts, so later calls read
 * them and never send the media again.
 */
final class WithheldMedia {

  /** What the model, and operators in the transcript, read in place of media it refused. */
  static final String WORDS = "(not shown to the assistant: the model refused it)";

  private WithheldMedia() {}

  /**
   * Whether {@code failure} may be the doing of the media sent inline ({@code heard}): a blocked
   * call or one refused as malformed. Any other failure (a key, a quota, an outage) is not.
   */
  static boolean mayExplain(ApplicationFailure failure, List<MediaParts.Heard> heard) {
    String type = failure.getType();
    return !heard.isEmpty()
        && (Errors.LLM_REFUSED.name().equals(type) || Errors.BAD_REQUEST.name().equals(type));
  }

  /**
   * What each piece of {@code heard} media is read as when asked again, in its order: its
   * description among {@code described} when one came, else {@link #WORDS}.
   */
  static List<LlmReply.Transcript> words(
      List<MediaParts.Heard> heard, List<LlmReply.Transcript> described) {
    List<LlmReply.Transcript> words = new ArrayList<>();
    for (MediaParts.Heard media : heard) {
      words.add(
          described.stream()
              .filter(transcript -> transcript.media().equals(media.ref()))
              .findFirst()
              .orElse(new LlmReply.Transcript(media.ref(), WORDS)));
    }
    return words;
  }

  /**
   * {@code contents} with each piece of {@code heard} media replaced by its {@code words} (same
   * order), read as a later call reads media it has heard ({@link MediaParts.Wording#heardPrefix}).
   */
  static List<Content> replaced(
      List<Content> contents, List<MediaParts.Heard> heard, List<LlmReply.Transcript> words) {
    // By identity: the request holds the very parts MediaParts made, and the same media twice is
    // two parts.
    Map<Part, Part> inPlaceOf = new IdentityHashMap<>();
    for (int i = 0; i < heard.size(); i++) {
      MediaParts.Heard media = heard.get(i);
      inPlaceOf.put(
          media.media(),
          Part.fromText(
              MediaParts.wording(media.ref().kind()).heardPrefix() + words.get(i).text()));
    }
    List<Content> replaced = new ArrayList<>();
    for (Content content : contents) {
      List<Part> parts =
          content.parts().orElse(List.of()).stream()
              .map(part -> inPlaceOf.getOrDefault(part, part))
              .toList();
      replaced.add(content.toBuilder().parts(parts).build());
    }
    return replaced;
  }
}
