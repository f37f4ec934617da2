package com.clinicflow.activities.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.MediaKind;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a patient's media becomes parts of a Gemini request, with a fake gateway. */
class MediaPartsTest {

  private static final int MIB = 1024 * 1024;

  private static final MediaRef PHOTO = new MediaRef("b", "i", "3EB0PHOTO", "image/jpeg");
  private static final MediaRef PDF = new MediaRef("b", "i", "3EB0PDF", "application/pdf");
  private static final MediaRef VOICE_NOTE = new MediaRef("b", "i", "3EB0VOICE", "audio/ogg");

  /** What the fake gateway answers per message id; missing ids get four bytes. */
  private final Map<String, RuntimeException> failures = new HashMap<>();

  private final Map<String, byte[]> sizes = new HashMap<>();
  private final List<MediaRef> fetched = new ArrayList<>();

  private final MediaFetcher fetcher =
      ref -> {
        fetched.add(ref);
        RuntimeException failure = failures.get(ref.providerMessageId());
        if (failure != null) {
          throw failure;
        }
        byte[] bytes = sizes.getOrDefault(ref.providerMessageId(), new byte[] {1, 2, 3, 4});
        return new MediaFetcher.Media(bytes, ref.mimeType());
      };

  private final GeminiRequestMapper mapper =
      new GeminiRequestMapper(
          GeminiProperties.of("http://127.0.0.1:1/", "key"), fetcher, scope -> List.of());

  @Test
  void aPhotoBeingAnsweredIsSentInlineAsJpegAndHeard() {
    List<MediaParts.Heard> heard = new ArrayList<>();

    List<Content> contents =
        mapper.contents(List.of(message(ChatPart.media(PHOTO), ChatPart.text("And this?"))), heard);

    Part photo = part(contents, 0, 0);
    assertThat(photo.inlineData().flatMap(Blob::mimeType)).contains("image/jpeg");
    assertThat(photo.inlineData().flatMap(Blob::data)).contains(new byte[] {1, 2, 3, 4});
    assertThat(part(contents, 0, 1).text()).contains("And this?");
    assertThat(heard).containsExactly(new MediaParts.Heard(PHOTO, photo, false));
  }

  @Test
  void aPdfBeingAnsweredIsSentInlineAsPdf() {
    List<MediaParts.Heard> heard = new ArrayList<>();

    List<Content> contents = mapper.contents(List.of(message(ChatPart.media(PDF))), heard);

    assertThat(part(contents, 0, 0).inlineData().flatMap(Blob::mimeType))
        .contains("application/pdf");
    assertThat(heard).extracting(MediaParts.Heard::ref).containsExactly(PDF);
  }

  @Test
  void aVideoBeingAnsweredIsSentInlineAsMp4AndHeard() {
    MediaRef video = new MediaRef("b", "i", "3EB0VIDEO", "video/mp4");
    List<MediaParts.Heard> heard = new ArrayList<>();

    List<Content> contents = mapper.contents(List.of(message(ChatPart.media(video))), heard);

    assertThat(part(contents, 0, 0).inlineData().flatMap(Blob::mimeType)).contains("video/mp4");
    assertThat(heard).extracting(MediaParts.Heard::ref).containsExactly(video);
    assertThat(GeminiTranscriber.instruction(MediaKind.VIDEO))
        .isEqualTo(GeminiTranscriber.VIDEO_INSTRUCTION);
  }

  @Test
  void aPhotoDescribedEarlierIsReadAsItsDescriptionWithoutAFetch() {
    List<Content> contents =
        mapper.contents(
            List.of(
                message(ChatPart.media(PHOTO).heard("A prescription for amoxicillin.")),
                ChatMessage.modelText("Thanks!"),
                ChatMessage.userText("When can I come?")));

    assertThat(part(contents, 0, 0).text()).contains("[photo] A prescription for amoxicillin.");
    assertThat(fetched).isEmpty();
  }

  @Test
  void aDocumentDescribedEarlierIsReadWithTheDocumentPrefix() {
    List<Content> contents =
        mapper.contents(List.of(message(ChatPart.media(PDF).heard("Lab results: normal."))));

    assertThat(part(contents, 0, 0).text()).contains("[document] Lab results: normal.");
  }

  @Test
  void anEarlierPhotoWithoutWordsIsSentInlineAndHeardAgain() {
    List<MediaParts.Heard> heard = new ArrayList<>();

    List<Content> contents =
        mapper.contents(
            List.of(
                message(ChatPart.media(PHOTO)),
                ChatMessage.modelText("Got it."),
                message(ChatPart.media(PDF).heard("Lab results: normal.")),
                ChatMessage.modelText("Thanks."),
                ChatMessage.userText("So?")),
            heard);

    // Its description failed or came late then: this call asks again; the PDF has its words.
    Part photo = part(contents, 0, 0);
    assertThat(photo.inlineData()).isPresent();
    assertThat(heard).containsExactly(new MediaParts.Heard(PHOTO, photo, true));
    assertThat(fetched).containsExactly(PHOTO);
  }

  @Test
  void anEarlierPhotoThatBecomesAPlaceholderIsNotHeard() {
    failures.put(PHOTO.providerMessageId(), Errors.BAD_REQUEST.failure("gone"));
    List<MediaParts.Heard> heard = new ArrayList<>();

    mapper.contents(
        List.of(
            message(ChatPart.media(PHOTO)),
            ChatMessage.modelText("Got it."),
            ChatMessage.userText("So?")),
        heard);

    assertThat(heard).isEmpty();
  }

  @Test
  void anEarlierPhotoTheGatewayFailsOnBecomesThePhotoPlaceholder() {
    failures.put(PHOTO.providerMessageId(), Errors.UPSTREAM_UNAVAILABLE.failure("I/O"));

    List<Content> contents =
        mapper.contents(
            List.of(
                message(ChatPart.media(PHOTO)),
                ChatMessage.modelText("Got it."),
                ChatMessage.userText("So?")));

    assertThat(part(contents, 0, 0).text()).contains("[an earlier photo, no longer available]");
  }

  @Test
  void aPdfBeingAnsweredThatTheGatewayRefusesForGoodBecomesTheDocumentPlaceholder() {
    failures.put(PDF.providerMessageId(), Errors.BAD_REQUEST.failure("HTTP 400"));
    List<MediaParts.Heard> heard = new ArrayList<>();

    List<Content> contents = mapper.contents(List.of(message(ChatPart.media(PDF))), heard);

    assertThat(part(contents, 0, 0).text()).contains("[a document that could not be opened]");
    assertThat(heard).isEmpty();
  }

  @Test
  void aPhotoBeingAnsweredWhoseGatewayIsDownFailsTheCall() {
    failures.put(PHOTO.providerMessageId(), Errors.UPSTREAM_UNAVAILABLE.failure("I/O"));

    assertThatThrownBy(() -> mapper.contents(List.of(message(ChatPart.media(PHOTO)))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo("UPSTREAM_UNAVAILABLE"));
  }

  @Test
  void aPhotoWithoutBytesBecomesThePhotoPlaceholder() {
    sizes.put(PHOTO.providerMessageId(), new byte[0]);

    List<Content> contents = mapper.contents(List.of(message(ChatPart.media(PHOTO))));

    assertThat(part(contents, 0, 0).text()).contains("[a photo that could not be opened]");
  }

  @Test
  void voiceNotesAreSpokenOfAsBefore() {
    assertThat(MediaParts.wording(MediaKind.VOICE_NOTE))
        .isEqualTo(
            new MediaParts.Wording(
                "[voice note] ",
                "[an earlier voice note, no longer available]",
                "[a voice note that could not be played]",
                "[a voice note too long to play here]"));
    assertThat(MediaParts.wording(VOICE_NOTE.kind())).isSameAs(MediaParts.VOICE_NOTE);
    assertThat(MediaParts.wording(PHOTO.kind())).isSameAs(MediaParts.PHOTO);
    assertThat(MediaParts.wording(PDF.kind())).isSameAs(MediaParts.DOCUMENT);
  }

  @Test
  void aSecondPhotoThatWouldTakeTheRequestOverItsBudgetBecomesThePlaceholder() {
    MediaRef second = new MediaRef("b", "i", "3EB0PHOTO2", "image/jpeg");
    sizes.put(PHOTO.providerMessageId(), new byte[8 * MIB]);
    sizes.put(second.providerMessageId(), new byte[8 * MIB]);
    List<MediaParts.Heard> heard = new ArrayList<>();

    List<Content> contents =
        mapper.contents(List.of(message(ChatPart.media(PHOTO), ChatPart.media(second))), heard);

    assertThat(MediaParts.MAX_INLINE_BYTES).isEqualTo(14L * MIB);
    assertThat(part(contents, 0, 0).inlineData()).isPresent();
    assertThat(part(contents, 0, 1).text()).contains("[a photo too large to open here]");
    assertThat(heard).extracting(MediaParts.Heard::ref).containsExactly(PHOTO);
  }

  @Test
  void theMediaBeingAnsweredTakesFromTheBudgetBeforeAnEarlierTurns() {
    MediaRef earlier = new MediaRef("b", "i", "3EB0OLDPDF", "application/pdf");
    sizes.put(earlier.providerMessageId(), new byte[8 * MIB]);
    sizes.put(PHOTO.providerMessageId(), new byte[8 * MIB]);

    List<Content> contents =
        mapper.contents(
            List.of(
                message(ChatPart.media(earlier)),
                ChatMessage.modelText("Received."),
                message(ChatPart.media(PHOTO))));

    assertThat(part(contents, 0, 0).text()).contains("[a document too large to read here]");
    assertThat(part(contents, 2, 0).inlineData()).isPresent();
    assertThat(fetched).containsExactly(PHOTO, earlier);
  }

  @Test
  void theBudgetIsPerRequest() {
    sizes.put(PHOTO.providerMessageId(), new byte[8 * MIB]);

    mapper.contents(List.of(message(ChatPart.media(PHOTO))));
    List<Content> next = mapper.contents(List.of(message(ChatPart.media(PHOTO))));

    assertThat(part(next, 0, 0).inlineData()).isPresent();
  }

  @Test
  void aVoiceNoteOverASmallerBudgetIsTooLongToPlay() {
    GeminiRequestMapper small =
        new GeminiRequestMapper(
            GeminiProperties.of("http://127.0.0.1:1/", "key"),
            new MediaParts(fetcher, 3),
            scope -> List.of());

    List<Content> contents = small.contents(List.of(message(ChatPart.media(VOICE_NOTE))));

    assertThat(part(contents, 0, 0).text()).contains("[a voice note too long to play here]");
  }

  @Test
  void staffMediaIsStillOnlySaidToHaveBeenSent() {
    List<Content> contents =
        mapper.contents(
            List.of(
                new ChatMessage(ChatRole.STAFF, List.of(ChatPart.media(PHOTO))),
                ChatMessage.userText("Hi")));

    assertThat(part(contents, 0, 0).text()).contains("[clinic staff] (sent an attachment)");
    assertThat(fetched).isEmpty();
  }

  private static ChatMessage message(ChatPart... parts) {
    return new ChatMessage(ChatRole.USER, List.of(parts));
  }

  private static Part part(List<Content> contents, int content, int part) {
    return contents.get(content).parts().orElseThrow().get(part);
  }
}
