package com.clinicflow.activities.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.tools.ToolCatalogs;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmActivities;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Errors;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemini activity against a local fake speaking Gemini's v1beta JSON. */
class GeminiLlmActivitiesTest {

  @RegisterExtension
  static WireMockExtension gemini =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final String PATH = "/v1beta/models/gemini-2.5-flash:generateContent";
  private static final String SHARED_KEY = "shared-key-123";
  private static final String TENANT_A_KEY = "tenant-a-own-key";
  private static final String PATIENT_TEXT = "Book dentist tomorrow 10am, my CPF is 123.456.789-00";
  private static final String SYSTEM_PROMPT =
      "You are the scheduling assistant of Clinica Moreira.";

  private static final String TEXT_RESPONSE =
      """
      {"candidates":[{"content":{"role":"model","parts":[{"text":"Booked it."}]},"finishReason":"STOP"}],
       "usageMetadata":{"promptTokenCount":120,"candidatesTokenCount":20,"totalTokenCount":140}}
      """;

  private static final String FUNCTION_CALL_RESPONSE =
      """
      {"candidates":[{"content":{"role":"model","parts":[
          {"functionCall":{"name":"create_event",
             "args":{"title":"Dentist","start":"2026-03-01T10:00:00Z","durationMinutes":30}},
           "thoughtSignature":"EjQKMgEM"},
          {"functionCall":{"id":"call-2","name":"notify_staff","args":{"note":"new booking"}}}]},
         "finishReason":"STOP","index":0}],
       "usageMetadata":{"promptTokenCount":120,"candidatesTokenCount":20,"totalTokenCount":140},
       "modelVersion":"gemini-2.5-flash","responseId":"abc123"}
      """;

  /** A prompt Google's safety filters blocked: no candidate. */
  private static final String BLOCKED = "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}";

  private final List<MediaRef> fetched = new ArrayList<>();

  /** Message ids whose media the gateway no longer has (Evolution answers 400). */
  private final Set<String> goneMedia = new HashSet<>();

  /** Every fetch fails as if Evolution were down. */
  private final AtomicBoolean gatewayDown = new AtomicBoolean();

  private final MediaFetcher mediaFetcher =
      ref -> {
        fetched.add(ref);
        if (goneMedia.contains(ref.providerMessageId())) {
          throw Errors.BAD_REQUEST.failure("Evolution getBase64FromMediaMessage answered 400");
        }
        if (gatewayDown.get()) {
          throw Errors.UPSTREAM_UNAVAILABLE.failure("Evolution getBase64FromMediaMessage: I/O");
        }
        return new MediaFetcher.Media(new byte[] {1, 2, 3, 4}, ref.mimeType());
      };
  private final TenantSecrets tenantSecrets =
      (tenantId, name) ->
          "a".equals(tenantId) && TenantSecrets.GEMINI_API_KEY.equals(name)
              ? Optional.of(TENANT_A_KEY)
              : Optional.empty();

  private final List<ToolScope> catalogScopes = new ArrayList<>();
  private final ToolCatalogs catalogs =
      scope -> {
        catalogScopes.add(scope);
        return List.of(
            new ToolSpec(
                scope.audience() == ToolScope.Audience.STAFF ? "list_agenda" : "book_appointment",
                "A tool of clinic " + scope.tenantId(),
                Map.of("type", "object")));
      };

  private SimpleMeterRegistry meters;
  private GeminiLlmActivities activities;

  @BeforeEach
  void setUp() {
    meters = new SimpleMeterRegistry();
    activities =
        new GeminiLlmActivities(
            GeminiProperties.of("http://127.0.0.1:" + gemini.getPort() + "/", SHARED_KEY),
            tenantSecrets,
            mediaFetcher,
            catalogs,
            meters);
  }

  @AfterEach
  void tearDown() {
    activities.close();
  }

  @Test
  void textAnswerBecomesReplyTextAndRequestCarriesPromptHistoryToolsAndKey() {
    stub(okJson(TEXT_RESPONSE));
    List<ChatMessage> history =
        List.of(
            ChatMessage.userText("Hi"),
            ChatMessage.modelText("Hello! How can I help?"),
            new ChatMessage(ChatRole.STAFF, List.of(ChatPart.text("Dr. Ana is back at 3pm"))),
            ChatMessage.userText(PATIENT_TEXT));
    ToolSpec listSlots =
        new ToolSpec(
            "list_slots",
            "Free appointment slots of a day",
            Map.of(
                "type", "object",
                "properties", Map.of("day", Map.of("type", "string", "format", "date")),
                "required", List.of("day")));

    LlmReply reply =
        activities.generate(new LlmRequest("b", SYSTEM_PROMPT, history, List.of(listSlots)));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.toolCalls()).isEmpty();
    assertThat(reply.wantsTools()).isFalse();
    assertThat(reply.message()).isEqualTo(ChatMessage.modelText("Booked it."));
    assertThat(reply.promptTokens()).isEqualTo(120);
    assertThat(reply.outputTokens()).isEqualTo(20);
    gemini.verify(
        1,
        generateContent()
            .withHeader("x-goog-api-key", equalTo(SHARED_KEY))
            .withRequestBody(jsonPath("$.systemInstruction.parts[0].text", SYSTEM_PROMPT))
            .withRequestBody(jsonPath("$.contents[0].role", "user"))
            .withRequestBody(jsonPath("$.contents[0].parts[0].text", "Hi"))
            .withRequestBody(jsonPath("$.contents[1].role", "model"))
            .withRequestBody(jsonPath("$.contents[1].parts[0].text", "Hello! How can I help?"))
            .withRequestBody(jsonPath("$.contents[2].role", "model"))
            .withRequestBody(
                jsonPath("$.contents[2].parts[0].text", "[clinic staff] Dr. Ana is back at 3pm"))
            .withRequestBody(jsonPath("$.contents[3].role", "user"))
            .withRequestBody(jsonPath("$.contents[3].parts[0].text", PATIENT_TEXT))
            .withRequestBody(jsonPath("$.tools[0].functionDeclarations[0].name", "list_slots"))
            .withRequestBody(
                jsonPath(
                    "$.tools[0].functionDeclarations[0].description",
                    "Free appointment slots of a day"))
            .withRequestBody(
                jsonPath(
                    "$.tools[0].functionDeclarations[0].parametersJsonSchema.properties.day.type",
                    "string"))
            .withRequestBody(
                jsonPath(
                    "$.tools[0].functionDeclarations[0].parametersJsonSchema.required[0]", "day"))
            .withRequestBody(jsonPath("$.generationConfig.thinkingConfig.thinkingBudget", "0"))
            .withRequestBody(matchingJsonPath("$.generationConfig.temperature")));
  }

  @Test
  void aRequestNamingItsAudienceDeclaresTheClinicsToolsForIt() {
    stub(okJson(TEXT_RESPONSE));

    activities.generate(
        LlmRequest.offering(
            "b", SYSTEM_PROMPT, List.of(ChatMessage.userText("Hi")), ToolScope.Audience.PATIENT));

    assertThat(catalogScopes).containsExactly(new ToolScope("b", ToolScope.Audience.PATIENT));
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(
                jsonPath("$.tools[0].functionDeclarations[0].name", "book_appointment"))
            .withRequestBody(
                jsonPath("$.tools[0].functionDeclarations[0].description", "A tool of clinic b"))
            .withRequestBody(not(matchingJsonPath("$.tools[0].functionDeclarations[1]"))));
  }

  @Test
  void aRequestListingItsToolsDeclaresThoseWithoutTheCatalog() {
    stub(okJson(TEXT_RESPONSE));

    activities.generate(
        new LlmRequest("b", SYSTEM_PROMPT, List.of(ChatMessage.userText("Hi")), List.of()));

    assertThat(catalogScopes).isEmpty();
    gemini.verify(1, generateContent().withRequestBody(not(matchingJsonPath("$.tools"))));
  }

  @Test
  void negativeThinkingBudgetLeavesThinkingToTheModel() {
    stub(okJson(TEXT_RESPONSE));
    try (GeminiLlmActivities defaults = activitiesWith(null, -1, true, true)) {
      defaults.generate(patientRequest("b"));
    }

    gemini.verify(
        1,
        generateContent()
            .withRequestBody(not(matchingJsonPath("$.generationConfig.thinkingConfig")))
            .withRequestBody(not(matchingJsonPath("$.generationConfig.temperature"))));
  }

  @Test
  void functionCallsAreParsedAndTheirThoughtSignatureGoesBackWithTheToolResults() {
    stub(okJson(FUNCTION_CALL_RESPONSE));
    ChatMessage patient = ChatMessage.userText(PATIENT_TEXT);

    LlmReply first =
        activities.generate(new LlmRequest("b", SYSTEM_PROMPT, List.of(patient), List.of()));

    assertThat(first.text()).isEmpty();
    assertThat(first.toolCalls())
        .containsExactly(
            new ToolCall(
                null,
                "create_event",
                Map.of("title", "Dentist", "start", "2026-03-01T10:00:00Z", "durationMinutes", 30)),
            new ToolCall("call-2", "notify_staff", Map.of("note", "new booking")));
    assertThat(first.message().role()).isEqualTo(ChatRole.MODEL);
    assertThat(first.message().parts())
        .extracting(ChatPart::thoughtSignature)
        .containsExactly("EjQKMgEM", null);

    // The reply crosses Temporal (activity result -> workflow -> next activity input) as JSON.
    LlmReply replayed = throughTemporal(first);
    ChatMessage toolResults =
        new ChatMessage(
            ChatRole.USER,
            List.of(
                ChatPart.toolResult(
                    new ToolResult(
                        null, "create_event", Map.of("eventId", "evt-1", "status", "confirmed"))),
                ChatPart.toolResult(new ToolResult("call-2", "notify_staff", Map.of("ok", true)))));
    gemini.resetRequests();
    stub(okJson(TEXT_RESPONSE));

    LlmReply second =
        activities.generate(
            new LlmRequest(
                "b", SYSTEM_PROMPT, List.of(patient, replayed.message(), toolResults), List.of()));

    assertThat(second.text()).isEqualTo("Booked it.");
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(jsonPath("$.contents[1].role", "model"))
            .withRequestBody(jsonPath("$.contents[1].parts[0].thoughtSignature", "EjQKMgEM"))
            .withRequestBody(jsonPath("$.contents[1].parts[0].functionCall.name", "create_event"))
            .withRequestBody(jsonPath("$.contents[1].parts[0].functionCall.args.title", "Dentist"))
            .withRequestBody(
                jsonPath("$.contents[1].parts[0].functionCall.args.durationMinutes", "30"))
            .withRequestBody(jsonPath("$.contents[1].parts[1].functionCall.id", "call-2"))
            .withRequestBody(jsonPath("$.contents[2].role", "user"))
            .withRequestBody(
                jsonPath("$.contents[2].parts[0].functionResponse.name", "create_event"))
            .withRequestBody(
                jsonPath("$.contents[2].parts[0].functionResponse.response.eventId", "evt-1"))
            .withRequestBody(jsonPath("$.contents[2].parts[1].functionResponse.id", "call-2"))
            .withRequestBody(
                jsonPath("$.contents[2].parts[1].functionResponse.name", "notify_staff")));
  }

  @Test
  void aVoiceNoteIsFetchedOnceHeardAsInlineAudioAndTranscribedWhileTheModelAnswers() {
    stub(okJson(TEXT_RESPONSE));
    stubTranscript(okJson(textResponse("Quero marcar para amanhã às dez.")));
    MediaRef voiceNote =
        new MediaRef("b", "clinic_b_instance", "3EB0VOICE", "audio/ogg; codecs=opus");

    LlmReply reply = activities.generate(voiceNoteRequest(voiceNote));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.transcripts())
        .containsExactly(new LlmReply.Transcript(voiceNote, "Quero marcar para amanhã às dez."));
    assertThat(fetched).containsExactly(voiceNote);
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(jsonPath("$.systemInstruction.parts[0].text", SYSTEM_PROMPT))
            .withRequestBody(jsonPath("$.contents[0].parts[0].inlineData.data", "AQIDBA=="))
            .withRequestBody(jsonPath("$.contents[0].parts[0].inlineData.mimeType", "audio/ogg")));
    // The transcript's own call: the same recording and the instruction, no clinic prompt, no
    // tools.
    gemini.verify(
        1,
        transcriptCall()
            .withRequestBody(jsonPath("$.contents[0].parts[0].inlineData.data", "AQIDBA=="))
            .withRequestBody(not(matchingJsonPath("$.systemInstruction")))
            .withRequestBody(not(matchingJsonPath("$.tools"))));
    assertThat(transcripts("ok", "voice_note")).isEqualTo(1);
    // Through Temporal's JSON as the workflow receives it.
    assertThat(throughTemporal(reply).transcripts()).isEqualTo(reply.transcripts());
  }

  @Test
  void aTranscriptThatFailsLeavesTheAnswerAlone() {
    stub(okJson(TEXT_RESPONSE));
    stubTranscript(aResponse().withStatus(500));
    MediaRef voiceNote = new MediaRef("b", "clinic_b_instance", "3EB0VOICE", "audio/ogg");

    LlmReply reply = activities.generate(voiceNoteRequest(voiceNote));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.transcripts()).isEmpty();
    assertThat(transcripts("failed", "voice_note")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "audio/ogg, Quero marcar., [voice note] Quero marcar.",
    "image/jpeg, A rash on a forearm., [photo] A rash on a forearm.",
    "application/pdf, A referral for an ultrasound., [document] A referral for an ultrasound.",
    "video/mp4, A swollen ankle; 'it hurts here'., [video] A swollen ankle; 'it hurts here'."
  })
  void mediaHeardEarlierIsReadAsWhatItSaysOrShowsAndNeverFetchedAgain(
      String mimeType, String heard, String readAs) {
    stub(okJson(TEXT_RESPONSE));
    MediaRef media = new MediaRef("b", "clinic_b_instance", "3EB0MEDIA", mimeType);

    activities.generate(
        new LlmRequest(
            "b",
            SYSTEM_PROMPT,
            List.of(
                new ChatMessage(ChatRole.USER, List.of(ChatPart.media(media).heard(heard))),
                ChatMessage.modelText("Para quando?"),
                ChatMessage.userText("Amanhã")),
            List.of()));

    assertThat(fetched).isEmpty();
    gemini.verify(
        1, generateContent().withRequestBody(jsonPath("$.contents[0].parts[0].text", readAs)));
    // The answer's call only: nothing is transcribed or described again.
    gemini.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
  }

  /** A photo whose description failed in its own turn is described by a later turn's call. */
  @Test
  void anEarlierPhotoWithoutWordsIsDescribedAgainWhileTheModelAnswers() {
    stub(okJson(TEXT_RESPONSE));
    stubAsked(GeminiTranscriber.PHOTO_INSTRUCTION, okJson(textResponse("A referral letter.")));
    MediaRef photo = new MediaRef("b", "clinic_b_instance", "3EB0PHOTO", "image/jpeg");

    LlmReply reply = activities.generate(laterTurnAfter(photo));

    assertThat(reply.transcripts())
        .containsExactly(new LlmReply.Transcript(photo, "A referral letter."));
    assertThat(fetched).containsExactly(photo);
  }

  /**
   * An earlier photo whose description takes long (a long PDF would every time) does not hold the
   * answer for the media being answered's 10 s: past its 2 s it is late, and the next call asks
   * again.
   */
  @Test
  void anEarlierPhotosSlowDescriptionIsLateAfterItsShorterGrace() {
    stub(okJson(TEXT_RESPONSE));
    stubAsked(
        GeminiTranscriber.PHOTO_INSTRUCTION,
        okJson(textResponse("A referral letter."))
            .withFixedDelay((int) GeminiTranscriber.EARLIER_LATE_BY_AT_MOST.toMillis() + 3_000));
    MediaRef photo = new MediaRef("b", "clinic_b_instance", "3EB0PHOTO", "image/jpeg");

    LlmReply reply = activities.generate(laterTurnAfter(photo));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.transcripts()).isEmpty();
    assertThat(transcripts("late", "photo")).isEqualTo(1);
  }

  /** How many of clinic {@code b}'s transcripts of {@code media} ended with {@code outcome}. */
  private double transcripts(String outcome, String media) {
    return meters
        .counter("clinicflow.gemini.transcripts", "tenant", "b", "outcome", outcome, "media", media)
        .count();
  }

  private static LlmRequest laterTurnAfter(MediaRef earlier) {
    return new LlmRequest(
        "b",
        SYSTEM_PROMPT,
        List.of(
            new ChatMessage(ChatRole.USER, List.of(ChatPart.media(earlier))),
            ChatMessage.modelText("Recebi."),
            ChatMessage.userText("E então?")),
        List.of());
  }

  @Test
  void withTranscriptsOffAVoiceNoteIsOnlyHeard() {
    stub(okJson(TEXT_RESPONSE));
    try (GeminiLlmActivities noTranscripts = activitiesWith(0.3f, 0, false, true)) {
      LlmReply reply =
          noTranscripts.generate(voiceNoteRequest(new MediaRef("b", "i", "3EB0", "audio/ogg")));
      assertThat(reply.transcripts()).isEmpty();
    }
    gemini.verify(1, generateContent());
  }

  @Test
  void anEarlierVoiceNoteTheGatewayNoLongerHasBecomesAPlaceholderAndTheTurnIsAnswered() {
    // A patient's voice note of weeks ago, still in memory: WhatsApp has dropped its media, so
    // Evolution answers 400. Failing here would fail every later turn of the conversation.
    stub(okJson(TEXT_RESPONSE));
    MediaRef old = new MediaRef("b", "clinic_b_instance", "3EB0OLD", "audio/ogg; codecs=opus");
    MediaRef kept = new MediaRef("b", "clinic_b_instance", "3EB0KEPT", "audio/ogg; codecs=opus");
    goneMedia.add("3EB0OLD");

    LlmReply reply =
        activities.generate(
            new LlmRequest(
                "b",
                SYSTEM_PROMPT,
                List.of(
                    new ChatMessage(ChatRole.USER, List.of(ChatPart.media(old))),
                    ChatMessage.modelText("Sure, Tuesday at 10 is free."),
                    new ChatMessage(ChatRole.USER, List.of(ChatPart.media(kept))),
                    ChatMessage.modelText("Booked."),
                    ChatMessage.userText("Thanks! Can I bring my son too?")),
                List.of()));

    assertThat(reply.text()).isEqualTo("Booked it.");
    // Newest first: the nearer a turn, the sooner its media takes from the request's budget.
    assertThat(fetched).containsExactly(kept, old);
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(
                jsonPath("$.contents[0].parts[0].text", MediaParts.VOICE_NOTE.earlierGone()))
            .withRequestBody(jsonPath("$.contents[2].parts[0].inlineData.data", "AQIDBA=="))
            .withRequestBody(
                jsonPath("$.contents[4].parts[0].text", "Thanks! Can I bring my son too?")));
  }

  @Test
  void aVoiceNoteBeingAnsweredThatTheGatewayRefusesForGoodIsSaidToBeUnplayable() {
    // Evolution answers 400 (not in its store): a retry cannot help, an operator neither; the
    // model can ask the patient to write or send it again.
    stub(okJson(TEXT_RESPONSE));
    MediaRef voiceNote = new MediaRef("b", "clinic_b_instance", "3EB0NOW", "audio/ogg");
    goneMedia.add("3EB0NOW");

    LlmReply reply = activities.generate(voiceNoteRequest(voiceNote));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.transcripts()).isEmpty();
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(
                jsonPath("$.contents[0].parts[0].text", MediaParts.VOICE_NOTE.unopened())));
    gemini.verify(0, transcriptCall());
  }

  @Test
  void aVoiceNoteBeingAnsweredWhoseGatewayIsDownFailsTheCallToBeRetried() {
    // The note exists; Evolution is down (here after a tool round of the same turn): answering
    // without hearing it would be a guess, so the failure goes to the workflow's retry policy.
    stub(okJson(TEXT_RESPONSE));
    MediaRef voiceNote = new MediaRef("b", "clinic_b_instance", "3EB0NOW", "audio/ogg");
    gatewayDown.set(true);
    List<ChatMessage> history =
        List.of(
            ChatMessage.modelText("Hello! How can I help?"),
            new ChatMessage(ChatRole.USER, List.of(ChatPart.media(voiceNote))),
            new ChatMessage(
                ChatRole.MODEL,
                List.of(ChatPart.toolCall(new ToolCall("c1", "list_slots", Map.of()), null))),
            new ChatMessage(
                ChatRole.USER,
                List.of(
                    ChatPart.toolResult(new ToolResult("c1", "list_slots", Map.of("slots", 2))))));

    assertThatThrownBy(
            () -> activities.generate(new LlmRequest("b", SYSTEM_PROMPT, history, List.of())))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("UPSTREAM_UNAVAILABLE");
              assertThat(failure.isNonRetryable()).isFalse();
            });
    gemini.verify(0, generateContent());
  }

  @Test
  void aVoiceNoteWithoutBytesIsSaidToBeUnplayableRatherThanSentEmpty() {
    stub(okJson(TEXT_RESPONSE));
    MediaFetcher empty = ref -> new MediaFetcher.Media(new byte[0], "audio/ogg");
    try (GeminiLlmActivities withEmptyMedia =
        new GeminiLlmActivities(
            GeminiProperties.of("http://127.0.0.1:" + gemini.getPort() + "/", SHARED_KEY),
            tenantSecrets,
            empty,
            catalogs,
            null)) {
      withEmptyMedia.generate(voiceNoteRequest(new MediaRef("b", "i", "3EB0", "audio/ogg")));
    }
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(
                jsonPath("$.contents[0].parts[0].text", MediaParts.VOICE_NOTE.unopened()))
            .withRequestBody(not(matchingJsonPath("$..inlineData"))));
  }

  @Test
  void aPhotoIsSeenAsAnInlineImageAndDescribedWhileTheModelAnswers() {
    stub(okJson(TEXT_RESPONSE));
    stubAsked(
        GeminiTranscriber.PHOTO_INSTRUCTION,
        okJson(textResponse("PEDIDO DE EXAME: hemograma. A handwritten request on letterhead.")));
    MediaRef photo = new MediaRef("b", "clinic_b_instance", "3EB0PHOTO", "image/jpeg");

    LlmReply reply = activities.generate(photoRequest(photo, "Is this exam covered?"));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.transcripts())
        .containsExactly(
            new LlmReply.Transcript(
                photo, "PEDIDO DE EXAME: hemograma. A handwritten request on letterhead."));
    assertThat(fetched).containsExactly(photo);
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(jsonPath("$.contents[0].parts[0].inlineData.data", "AQIDBA=="))
            .withRequestBody(jsonPath("$.contents[0].parts[0].inlineData.mimeType", "image/jpeg"))
            .withRequestBody(jsonPath("$.contents[0].parts[1].text", "Is this exam covered?")));
    // The description's own call: the same image, the photo instruction, a short answer.
    gemini.verify(
        1,
        askedFor(GeminiTranscriber.PHOTO_INSTRUCTION)
            .withRequestBody(jsonPath("$.contents[0].parts[0].inlineData.mimeType", "image/jpeg"))
            .withRequestBody(jsonPath("$.generationConfig.maxOutputTokens", "1024"))
            .withRequestBody(not(matchingJsonPath("$.systemInstruction")))
            .withRequestBody(not(matchingJsonPath("$.tools"))));
    gemini.verify(0, transcriptCall());
    assertThat(transcripts("ok", "photo")).isEqualTo(1);
    assertThat(throughTemporal(reply).transcripts()).isEqualTo(reply.transcripts());
  }

  @Test
  void aPdfIsReadAsAnInlineDocumentAndDescribedWithTheDocumentInstruction() {
    stub(okJson(TEXT_RESPONSE));
    stubAsked(
        GeminiTranscriber.DOCUMENT_INSTRUCTION,
        okJson(textResponse("Guia de encaminhamento: ressonância do joelho.")));
    MediaRef pdf = new MediaRef("b", "clinic_b_instance", "3EB0PDF", "application/pdf");

    LlmReply reply = activities.generate(photoRequest(pdf, "Segue o pedido"));

    assertThat(reply.transcripts())
        .containsExactly(
            new LlmReply.Transcript(pdf, "Guia de encaminhamento: ressonância do joelho."));
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(
                jsonPath("$.contents[0].parts[0].inlineData.mimeType", "application/pdf")));
    gemini.verify(
        1,
        askedFor(GeminiTranscriber.DOCUMENT_INSTRUCTION)
            .withRequestBody(jsonPath("$.generationConfig.maxOutputTokens", "1024")));
    assertThat(transcripts("ok", "document")).isEqualTo(1);
  }

  /**
   * A photo Google's filters block (a rash photographed for a dermatologist) would fail every call
   * that carries it: the call is asked again with the photo in words, and those words are its
   * transcript, so no later call sends it again.
   */
  @Test
  void aPhotoTheModelBlocksIsAnsweredWithoutItAndWithheldForGood() {
    stubWithMedia(okJson(BLOCKED));
    stub(okJson(TEXT_RESPONSE));
    stubAsked(GeminiTranscriber.PHOTO_INSTRUCTION, okJson(BLOCKED));
    MediaRef photo = new MediaRef("b", "clinic_b_instance", "3EB0PHOTO", "image/jpeg");

    LlmReply reply = activities.generate(photoRequest(photo, "Is this serious?"));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.transcripts())
        .containsExactly(new LlmReply.Transcript(photo, WithheldMedia.WORDS));
    gemini.verify(2, generateContent());
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(
                jsonPath("$.contents[0].parts[0].text", "[photo] " + WithheldMedia.WORDS))
            .withRequestBody(jsonPath("$.contents[0].parts[1].text", "Is this serious?"))
            .withRequestBody(not(matchingJsonPath("$..inlineData"))));
    assertThat(fetched).containsExactly(photo);
    assertThat(transcripts("failed", "photo")).isEqualTo(1);
    assertThat(transcripts("withheld", "photo")).isEqualTo(1);
  }

  /**
   * An image Gemini cannot process (HTTP 400) but could describe on its own: the call is asked
   * again with the description in its place, and nothing is withheld.
   */
  @Test
  void anImageRefusedAsMalformedIsAnsweredWithItsDescriptionInItsPlace() {
    stubWithMedia(
        aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(
                """
                {"error":{"code":400,"message":"Unable to process input image.","status":"INVALID_ARGUMENT"}}
                """));
    stub(okJson(TEXT_RESPONSE));
    stubAsked(GeminiTranscriber.PHOTO_INSTRUCTION, okJson(textResponse("A referral letter.")));
    MediaRef photo = new MediaRef("b", "clinic_b_instance", "3EB0PHOTO", "image/webp");

    LlmReply reply = activities.generate(laterTurnAfter(photo));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.transcripts())
        .containsExactly(new LlmReply.Transcript(photo, "A referral letter."));
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(jsonPath("$.contents[0].parts[0].text", "[photo] A referral letter."))
            .withRequestBody(jsonPath("$.contents[2].parts[0].text", "E então?")));
    assertThat(transcripts("withheld", "photo")).isZero();
  }

  /** Refused again without its media, the call fails as it always did: the media was not it. */
  @Test
  void aCallRefusedAgainWithoutItsMediaIsRefusedForGood() {
    stub(okJson(BLOCKED));
    stubAsked(GeminiTranscriber.PHOTO_INSTRUCTION, okJson(textResponse("A referral letter.")));
    MediaRef photo = new MediaRef("b", "clinic_b_instance", "3EB0PHOTO", "image/jpeg");

    assertThatThrownBy(() -> activities.generate(photoRequest(photo, PATIENT_TEXT)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("LLM_REFUSED");
              assertThat(failure.isNonRetryable()).isTrue();
              assertNothingSecretIn(failure);
            });
    gemini.verify(2, generateContent());
    assertThat(transcripts("withheld", "photo")).isZero();
  }

  /** A refusal that is not the media's doing (a wrong key) is not asked again. */
  @Test
  void aCallWithMediaRefusedForItsKeyIsNotAskedAgain() {
    stub(
        aResponse()
            .withStatus(403)
            .withHeader("Content-Type", "application/json")
            .withBody(
                """
                {"error":{"code":403,"message":"Permission denied.","status":"PERMISSION_DENIED"}}
                """));
    MediaRef photo = new MediaRef("b", "clinic_b_instance", "3EB0PHOTO", "image/jpeg");

    assertThatThrownBy(() -> activities.generate(photoRequest(photo, "Is this serious?")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("UNAUTHORIZED"));
    gemini.verify(1, generateContent());
  }

  @Test
  void withDescriptionsOffAPhotoIsOnlySeenWhileAVoiceNoteIsStillTranscribed() {
    stub(okJson(TEXT_RESPONSE));
    stubTranscript(okJson(textResponse("Esta é a receita.")));
    MediaRef photo = new MediaRef("b", "i", "3EB0PHOTO", "image/png");
    MediaRef voiceNote = new MediaRef("b", "i", "3EB0VOICE", "audio/ogg");
    LlmRequest request =
        new LlmRequest(
            "b",
            SYSTEM_PROMPT,
            List.of(
                new ChatMessage(
                    ChatRole.USER, List.of(ChatPart.media(photo), ChatPart.media(voiceNote)))),
            List.of());

    LlmReply reply;
    try (GeminiLlmActivities noDescriptions = activitiesWith(0.3f, 0, true, false)) {
      reply = noDescriptions.generate(request);
    }

    assertThat(reply.transcripts())
        .containsExactly(new LlmReply.Transcript(voiceNote, "Esta é a receita."));
    gemini.verify(
        1,
        generateContent()
            .withRequestBody(jsonPath("$.contents[0].parts[0].inlineData.mimeType", "image/png")));
    gemini.verify(0, askedFor(GeminiTranscriber.PHOTO_INSTRUCTION));
    gemini.verify(1, transcriptCall());
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
    "429, RESOURCE_EXHAUSTED, RATE_LIMITED, true",
    "500, INTERNAL, UPSTREAM_UNAVAILABLE, true",
    "503, UNAVAILABLE, UPSTREAM_UNAVAILABLE, true",
    "400, INVALID_ARGUMENT, BAD_REQUEST, false",
    "401, UNAUTHENTICATED, UNAUTHORIZED, false",
    "403, PERMISSION_DENIED, UNAUTHORIZED, false",
    "404, NOT_FOUND, NOT_FOUND, false"
  })
  void httpErrorsBecomeTypedFailuresAfterOneRequest(
      int code, String status, String type, boolean retryable) {
    // Google's messages can echo the request: the failure must not pass it on.
    stub(
        aResponse()
            .withStatus(code)
            .withHeader("Content-Type", "application/json")
            .withBody(
                """
                {"error":{"code":%d,"message":"Invalid value at 'contents[0]' (%s) key %s","status":"%s"}}
                """
                    .formatted(code, PATIENT_TEXT, SHARED_KEY, status)));

    assertThatThrownBy(() -> activities.generate(patientRequest("b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(type);
              assertThat(failure.isNonRetryable()).isEqualTo(!retryable);
              assertThat(failure.getOriginalMessage())
                  .contains(String.valueOf(code))
                  .contains(status);
              assertNothingSecretIn(failure);
            });
    // The SDK's own retries are off: Temporal owns retries.
    gemini.verify(1, generateContent());
  }

  // ---- fallback model ------------------------------------------------------------------------

  private static final String FALLBACK_PATH =
      "/v1beta/models/gemini-2.5-flash-lite:generateContent";

  /** Google's answer on the days the model is overloaded. */
  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder overloaded(
      int code, String status) {
    return aResponse()
        .withStatus(code)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"error\":{\"code\":%d,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"%s\"}}"
                .formatted(code, status));
  }

  @Test
  void anOverloadedModelHandsTheCallToTheFallbackModelInTheSameAttempt() {
    stub(overloaded(503, "UNAVAILABLE"));
    gemini.stubFor(post(urlPathEqualTo(FALLBACK_PATH)).willReturn(okJson(TEXT_RESPONSE)));
    GeminiLlmActivities withFallback = activitiesWithFallback("gemini-2.5-flash-lite");

    LlmReply reply = withFallback.generate(patientRequest("b"));

    assertThat(reply.text()).isEqualTo("Booked it.");
    gemini.verify(1, generateContent());
    gemini.verify(
        1,
        postRequestedFor(urlPathEqualTo(FALLBACK_PATH))
            .withHeader("x-goog-api-key", equalTo(SHARED_KEY))
            .withRequestBody(containing(PATIENT_TEXT)));
    assertThat(
            meters.counter("clinicflow.gemini.fallbacks", "tenant", "b", "outcome", "ok").count())
        .isEqualTo(1);
    assertThat(meters.timer("clinicflow.gemini.latency", "tenant", "b", "outcome", "ok").count())
        .isEqualTo(1);
    withFallback.close();
  }

  /** Both down: the attempt fails as the first model's did, a 429 with its longer retry delay. */
  @Test
  void whenTheFallbackModelFailsTooTheFirstModelsFailureStands() {
    stub(overloaded(429, "RESOURCE_EXHAUSTED"));
    gemini.stubFor(post(urlPathEqualTo(FALLBACK_PATH)).willReturn(overloaded(503, "UNAVAILABLE")));
    GeminiLlmActivities withFallback = activitiesWithFallback("gemini-2.5-flash-lite");

    assertThatThrownBy(() -> withFallback.generate(patientRequest("b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("RATE_LIMITED");
              assertThat(failure.getNextRetryDelay())
                  .isEqualTo(GeminiFailures.RATE_LIMIT_RETRY_DELAY);
              assertNothingSecretIn(failure);
            });
    gemini.verify(1, postRequestedFor(urlPathEqualTo(FALLBACK_PATH)));
    assertThat(
            meters
                .counter("clinicflow.gemini.fallbacks", "tenant", "b", "outcome", "failed")
                .count())
        .isEqualTo(1);
    withFallback.close();
  }

  /** A request the model refused for what it is would be refused again: no second model. */
  @Test
  void aRefusedRequestIsNotAskedOfTheFallbackModel() {
    stub(overloaded(400, "INVALID_ARGUMENT"));
    gemini.stubFor(post(urlPathEqualTo(FALLBACK_PATH)).willReturn(okJson(TEXT_RESPONSE)));
    GeminiLlmActivities withFallback = activitiesWithFallback("gemini-2.5-flash-lite");

    assertThatThrownBy(() -> withFallback.generate(patientRequest("b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("BAD_REQUEST"));
    gemini.verify(0, postRequestedFor(urlPathEqualTo(FALLBACK_PATH)));
    withFallback.close();
  }

  /** A voice note's words are worth as much as the answer: its transcript is asked again too. */
  @Test
  void anOverloadedModelsTranscriptIsAskedOfTheFallbackModel() {
    stub(okJson(TEXT_RESPONSE));
    stubTranscript(overloaded(503, "UNAVAILABLE"));
    gemini.stubFor(
        post(urlPathEqualTo(FALLBACK_PATH))
            .withRequestBody(containing(GeminiTranscriber.VOICE_NOTE_INSTRUCTION))
            .willReturn(okJson(textResponse("Quero marcar para amanhã."))));
    GeminiLlmActivities withFallback = activitiesWithFallback("gemini-2.5-flash-lite");
    MediaRef voiceNote = new MediaRef("b", "clinic_b_instance", "3EB0VOICE", "audio/ogg");

    LlmReply reply = withFallback.generate(voiceNoteRequest(voiceNote));

    assertThat(reply.text()).isEqualTo("Booked it.");
    assertThat(reply.transcripts())
        .containsExactly(new LlmReply.Transcript(voiceNote, "Quero marcar para amanhã."));
    gemini.verify(1, transcriptCall());
    assertThat(transcripts("ok", "voice_note")).isEqualTo(1);
    assertThat(
            meters.counter("clinicflow.gemini.fallbacks", "tenant", "b", "outcome", "ok").count())
        .isEqualTo(1);
    withFallback.close();
  }

  private GeminiLlmActivities activitiesWithFallback(String fallbackModel) {
    return new GeminiLlmActivities(
        properties(0.3f, 0, true, true, fallbackModel),
        tenantSecrets,
        mediaFetcher,
        catalogs,
        meters);
  }

  @Test
  void quotaErrorAsksTemporalToWaitBeforeRetrying() {
    stub(
        aResponse()
            .withStatus(429)
            .withHeader("Content-Type", "application/json")
            .withBody(
                """
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}
                """));

    assertThatThrownBy(() -> activities.generate(patientRequest("b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("RATE_LIMITED");
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(10));
            });
    gemini.verify(1, generateContent());
  }

  @Test
  void blockedPromptIsRefusedForGood() {
    stub(okJson(BLOCKED));

    assertThatThrownBy(() -> activities.generate(patientRequest("b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("LLM_REFUSED");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("SAFETY");
              assertNothingSecretIn(failure);
            });
    // Without media there is nothing to leave out: the same call would be refused again.
    gemini.verify(1, generateContent());
  }

  @Test
  void candidateWithoutContentIsRefused() {
    stub(okJson("{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}]}"));

    assertThatThrownBy(() -> activities.generate(patientRequest("b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("LLM_REFUSED");
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void connectionFailureIsRetryableUpstreamUnavailable() {
    stub(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThatThrownBy(() -> activities.generate(patientRequest("b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("UPSTREAM_UNAVAILABLE");
              assertThat(failure.isNonRetryable()).isFalse();
              assertNothingSecretIn(failure);
            });
  }

  @Test
  void unreadableAnswerFailsWithoutQuotingIt() {
    stub(okJson("{\"candidates\":[{\"content\": \"" + PATIENT_TEXT + "\" oops"));

    assertThatThrownBy(() -> activities.generate(patientRequest("b")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isFalse();
              assertNothingSecretIn(failure);
            });
  }

  /** PostgreSQL's jsonb refuses U+0000: the turn holding it could never be saved. */
  @Test
  void aNulCharacterTheModelWritesIsDroppedFromTheReplyAndTheTranscript() {
    stub(okJson(textResponse("Até amanhã\\u0000!")));
    stubTranscript(okJson(textResponse("Quero\\u0000 marcar")));

    LlmReply reply =
        activities.generate(voiceNoteRequest(new MediaRef("b", "i", "V1", "audio/ogg")));

    assertThat(reply.text()).isEqualTo("Até amanhã!");
    assertThat(reply.message().parts().get(0).text()).isEqualTo("Até amanhã!");
    assertThat(reply.transcripts())
        .extracting(LlmReply.Transcript::text)
        .containsExactly("Quero marcar");
  }

  @Test
  void thoughtSummariesStayOutOfTheReply() {
    stub(
        okJson(
            """
            {"candidates":[{"content":{"role":"model","parts":[
               {"text":"The patient wants a slot; I should answer kindly.","thought":true},
               {"text":"Of course!","thoughtSignature":"AAEC"}]},"finishReason":"STOP"}]}
            """));

    LlmReply reply = activities.generate(patientRequest("b"));

    assertThat(reply.text()).isEqualTo("Of course!");
    assertThat(reply.message().parts()).containsExactly(ChatPart.modelText("Of course!", "AAEC"));
    assertThat(reply.promptTokens()).isZero();
    assertThat(reply.outputTokens()).isZero();
  }

  @Test
  void clinicWithItsOwnKeyIsBilledToItAndOthersToTheSharedKey() {
    stub(okJson(TEXT_RESPONSE));

    activities.generate(patientRequest("a"));
    gemini.verify(1, generateContent().withHeader("x-goog-api-key", equalTo(TENANT_A_KEY)));
    gemini.verify(0, generateContent().withHeader("x-goog-api-key", equalTo(SHARED_KEY)));

    activities.generate(patientRequest("b"));
    activities.generate(patientRequest("b"));
    gemini.verify(2, generateContent().withHeader("x-goog-api-key", equalTo(SHARED_KEY)));
    gemini.verify(1, generateContent().withHeader("x-goog-api-key", equalTo(TENANT_A_KEY)));

    assertThat(activities.clientCount()).as("one client per key, reused").isEqualTo(2);
  }

  /**
   * A clinic's key stored with a line break would make the HTTP client refuse the header quoting
   * the key, into the log and the workflow history: it is a configuration failure that never quotes
   * it, and nothing is sent.
   */
  @Test
  void aClinicKeyThatCannotBeAHeaderIsAConfigurationFailureThatNeverQuotesIt() {
    stub(okJson(TEXT_RESPONSE));
    TenantSecrets broken = (tenantId, name) -> Optional.of(TENANT_A_KEY + "\n");
    try (GeminiLlmActivities withBrokenKey =
        new GeminiLlmActivities(
            GeminiProperties.of("http://127.0.0.1:" + gemini.getPort() + "/", SHARED_KEY),
            broken,
            mediaFetcher,
            catalogs,
            null)) {
      assertThatThrownBy(() -> withBrokenKey.generate(patientRequest("a")))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("CONFIGURATION");
                assertThat(failure.isNonRetryable()).isTrue();
                assertNothingSecretIn(failure);
              });
    }
    gemini.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
    assertThatThrownBy(() -> GeminiProperties.of("http://127.0.0.1/", SHARED_KEY + "\u00a0"))
        .hasMessageContaining("clinicflow.gemini.api-key")
        .message()
        .doesNotContain(SHARED_KEY);
  }

  @Test
  void latencyAndTokensAreMeasuredPerClinic() {
    stub(okJson(TEXT_RESPONSE));
    activities.generate(patientRequest("b"));
    gemini.resetAll();
    stub(
        aResponse()
            .withStatus(429)
            .withBody("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\"}}"));
    assertThatThrownBy(() -> activities.generate(patientRequest("b")))
        .isInstanceOf(ApplicationFailure.class);

    assertThat(
            meters
                .get("clinicflow.gemini.tokens")
                .tags("tenant", "b", "direction", "prompt")
                .counter()
                .count())
        .isEqualTo(120);
    assertThat(
            meters
                .get("clinicflow.gemini.tokens")
                .tags("tenant", "b", "direction", "output")
                .counter()
                .count())
        .isEqualTo(20);
    assertThat(
            meters
                .get("clinicflow.gemini.latency")
                .tags("tenant", "b", "outcome", "ok")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("clinicflow.gemini.latency")
                .tags("tenant", "b", "outcome", "rate_limited")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void worksAsATemporalActivityAndItsFailuresKeepTheirType() {
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      temporal.registerActivitiesImplementations(activities);
      LlmActivities llm =
          temporal.newActivityStub(
              LlmActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      stub(okJson(TEXT_RESPONSE));
      assertThat(llm.generate(patientRequest("b")).text()).isEqualTo("Booked it.");

      stub(
          aResponse()
              .withStatus(400)
              .withHeader("Content-Type", "application/json")
              .withBody(
                  "{\"error\":{\"code\":400,\"message\":\"bad\",\"status\":\"INVALID_ARGUMENT\"}}"));
      assertThatThrownBy(() -> llm.generate(patientRequest("b")))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("BAD_REQUEST");
                assertThat(failure.isNonRetryable()).isTrue();
              });
    } finally {
      temporal.close();
    }
  }

  @Test
  void aSlowAnswerIsHeartbeatedUnderTheLlmStubsHeartbeatTimeout() {
    AtomicInteger heartbeats = new AtomicInteger();
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      temporal.setActivityHeartbeatListener(Object.class, details -> heartbeats.incrementAndGet());
      temporal.registerActivitiesImplementations(activities);
      // The options the workflow really uses: a 10 s heartbeat timeout the adapter must honour.
      LlmActivities llm = temporal.newActivityStub(LlmActivities.class, ActivityStubs.LLM);
      // Longer than one heartbeat interval, and the code never calls heartbeat() itself.
      stub(okJson(TEXT_RESPONSE).withFixedDelay(2_600));

      assertThat(llm.generate(patientRequest("b")).text()).isEqualTo("Booked it.");
    } finally {
      temporal.close();
    }
    assertThat(heartbeats.get()).isPositive();
    gemini.verify(1, generateContent());
  }

  private static LlmRequest patientRequest(String tenantId) {
    return new LlmRequest(
        tenantId, SYSTEM_PROMPT, List.of(ChatMessage.userText(PATIENT_TEXT)), List.of());
  }

  /** A patient of clinic {@code b} whose message is {@code voiceNote}. */
  private static LlmRequest voiceNoteRequest(MediaRef voiceNote) {
    return new LlmRequest(
        "b",
        SYSTEM_PROMPT,
        List.of(new ChatMessage(ChatRole.USER, List.of(ChatPart.media(voiceNote)))),
        List.of());
  }

  /** A patient of clinic {@code b} who sent {@code media} with {@code caption}. */
  private static LlmRequest photoRequest(MediaRef media, String caption) {
    return new LlmRequest(
        "b",
        SYSTEM_PROMPT,
        List.of(
            new ChatMessage(ChatRole.USER, List.of(ChatPart.media(media), ChatPart.text(caption)))),
        List.of());
  }

  /** Activities on the fake with these settings (the rest default, the shared key). */
  private GeminiLlmActivities activitiesWith(
      Float temperature,
      Integer thinkingBudget,
      boolean transcribeVoiceNotes,
      boolean describeAttachments) {
    return new GeminiLlmActivities(
        properties(temperature, thinkingBudget, transcribeVoiceNotes, describeAttachments, null),
        tenantSecrets,
        mediaFetcher,
        catalogs,
        null);
  }

  /** Settings on the fake (the rest default, the shared key). */
  private static GeminiProperties properties(
      Float temperature,
      Integer thinkingBudget,
      boolean transcribeVoiceNotes,
      boolean describeAttachments,
      String fallbackModel) {
    return new GeminiProperties(
        "http://127.0.0.1:" + gemini.getPort() + "/",
        SHARED_KEY,
        null,
        null,
        null,
        temperature,
        thinkingBudget,
        transcribeVoiceNotes,
        describeAttachments,
        fallbackModel);
  }

  private static void stub(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    MappingBuilder mapping = post(urlPathEqualTo(PATH)).willReturn(response);
    gemini.stubFor(mapping);
  }

  /** How the fake answers the model's calls that carry media inline. */
  private static void stubWithMedia(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    gemini.stubFor(
        post(urlPathEqualTo(PATH))
            .atPriority(2)
            .withRequestBody(matchingJsonPath("$..inlineData"))
            .willReturn(response));
  }

  /** The model's calls; a transcript or description call is told apart by its instruction. */
  private static RequestPatternBuilder generateContent() {
    return postRequestedFor(urlPathEqualTo(PATH))
        .withRequestBody(not(containing(GeminiTranscriber.VOICE_NOTE_INSTRUCTION)))
        .withRequestBody(not(containing(GeminiTranscriber.PHOTO_INSTRUCTION)))
        .withRequestBody(not(containing(GeminiTranscriber.DOCUMENT_INSTRUCTION)));
  }

  private static RequestPatternBuilder transcriptCall() {
    return askedFor(GeminiTranscriber.VOICE_NOTE_INSTRUCTION);
  }

  /** The transcript or description calls that carry {@code instruction}. */
  private static RequestPatternBuilder askedFor(String instruction) {
    return postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(containing(instruction));
  }

  private static void stubTranscript(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    stubAsked(GeminiTranscriber.VOICE_NOTE_INSTRUCTION, response);
  }

  /** How the fake answers the transcript or description calls that carry {@code instruction}. */
  private static void stubAsked(
      String instruction,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    gemini.stubFor(
        post(urlPathEqualTo(PATH))
            .atPriority(1)
            .withRequestBody(containing(instruction))
            .willReturn(response));
  }

  private static String textResponse(String text) {
    return """
        {"candidates":[{"content":{"role":"model","parts":[{"text":"%s"}]},"finishReason":"STOP"}],
         "usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":9,"totalTokenCount":49}}"""
        .formatted(text);
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern jsonPath(
      String path, String expected) {
    return matchingJsonPath(path, equalTo(expected));
  }

  private static LlmReply throughTemporal(LlmReply reply) {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    return converter.fromPayload(
        converter.toPayload(reply).orElseThrow(), LlmReply.class, LlmReply.class);
  }

  private static void assertNothingSecretIn(ApplicationFailure failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage()))
          .doesNotContain(PATIENT_TEXT)
          .doesNotContain("CPF")
          .doesNotContain(SHARED_KEY)
          .doesNotContain(TENANT_A_KEY);
    }
  }
}
