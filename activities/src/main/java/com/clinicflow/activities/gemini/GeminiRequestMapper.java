package com.clinicflow.activities.gemini;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MimeTypes;
import com.clinicflow.activities.tools.ToolCatalogs;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.google.genai.types.AutomaticFunctionCallingConfig;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps ClinicFlow's vendor-neutral {@link LlmRequest} to google-genai request types. */
final class GeminiRequestMapper {

  /**
   * Marks what clinic staff typed on the clinic's own phone. Gemini knows only {@code user} and
   * {@code model}; staff speak for the clinic, so they go in the model's role, and the marker tells
   * the model these words were a human colleague's, not its own.
   */
  static final String STAFF_MARKER = "[clinic staff] ";

  private static final Logger log = LoggerFactory.getLogger(GeminiRequestMapper.class);

  private final GeminiProperties properties;
  private final MediaFetcher mediaFetcher;
  private final ToolCatalogs catalogs;

  GeminiRequestMapper(
      GeminiProperties properties, MediaFetcher mediaFetcher, ToolCatalogs catalogs) {
    this.properties = properties;
    this.mediaFetcher = mediaFetcher;
    this.catalogs = catalogs;
  }

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

  List<Content> contents(List<ChatMessage> history) {
    return contents(history, new ArrayList<>());
  }

  /**
   * The history as Gemini contents; the voice notes fetched for the message being answered that
   * have no transcript yet are added to {@code heard}.
   */
  List<Content> contents(List<ChatMessage> history, List<Heard> heard) {
    List<Content> contents = new ArrayList<>();
    if (history == null) {
      return contents;
    }
    int newestWords = newestWords(history);
    for (int i = 0; i < history.size(); i++) {
      ChatMessage message = history.get(i);
      List<Part> parts = parts(message, i < newestWords, heard);
      // Gemini answers 400 to a turn without parts; an empty message carries nothing anyway.
      if (!parts.isEmpty()) {
        contents.add(Content.builder().role(role(message.role())).parts(parts).build());
      }
    }
    return contents;
  }

  GenerateContentConfig config(LlmRequest request) {
    GenerateContentConfig.Builder config =
        GenerateContentConfig.builder()
            // The workflow runs each requested call as its own activity; the SDK must never run
            // functions itself.
            .automaticFunctionCalling(AutomaticFunctionCallingConfig.builder().disable(true));
    if (request.systemInstruction() != null && !request.systemInstruction().isBlank()) {
      config.systemInstruction(Content.fromParts(Part.fromText(request.systemInstruction())));
    }
    List<FunctionDeclaration> declarations = declarations(offered(request));
    if (!declarations.isEmpty()) {
      config.tools(Tool.builder().functionDeclarations(declarations).build());
    }
    if (properties.temperature() != null) {
      config.temperature(properties.temperature());
    }
    // Negative = the model's own default: Spring cannot bind an empty value over @DefaultValue, so
    // "not set" needs a number.
    if (properties.thinkingBudget() != null && properties.thinkingBudget() >= 0) {
      config.thinkingConfig(ThinkingConfig.builder().thinkingBudget(properties.thinkingBudget()));
    }
    return config.build();
  }

  private static String role(ChatRole role) {
    return role == ChatRole.USER ? "user" : "model";
  }

  /**
   * The index of the message being answered: the last user message with words of its own (text or
   * media) rather than only tool results. Everything before it is memory.
   */
  private static int newestWords(List<ChatMessage> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      ChatMessage message = history.get(i);
      if (message.role() == ChatRole.USER
          && message.parts() != null
          && message.parts().stream().anyMatch(p -> p.text() != null || p.media() != null)) {
        return i;
      }
    }
    return history.size();
  }

  private List<Part> parts(ChatMessage message, boolean memory, List<Heard> heard) {
    List<Part> parts = new ArrayList<>();
    if (message.parts() == null) {
      return parts;
    }
    boolean staff = message.role() == ChatRole.STAFF;
    for (ChatPart part : message.parts()) {
      Part mapped = staff ? staffPart(part) : part(part, memory, heard);
      if (mapped != null) {
        parts.add(mapped);
      }
    }
    return parts;
  }

  private Part part(ChatPart part, boolean memory, List<Heard> heard) {
    if (part.text() != null) {
      return withSignature(Part.builder().text(part.text()), part.thoughtSignature());
    }
    if (part.media() != null && part.transcript() != null) {
      return Part.fromText(HEARD_PREFIX + part.transcript());
    }
    if (part.media() != null && memory) {
      return earlierMedia(part.media());
    }
    if (part.media() != null) {
      Part audio = media(part.media());
      if (audio.inlineData().isPresent()) {
        heard.add(new Heard(part.media(), audio));
      }
      return audio;
    }
    if (part.toolCall() != null) {
      return withSignature(
          Part.builder().functionCall(functionCall(part.toolCall())), part.thoughtSignature());
    }
    if (part.toolResult() != null) {
      return Part.builder().functionResponse(functionResponse(part.toolResult())).build();
    }
    return null;
  }

  /**
   * Staff turns become clinic-side text. Their media is described rather than fetched: the model
   * needs to know staff sent something, and audio in a model turn is neither useful nor cheap.
   */
  private static Part staffPart(ChatPart part) {
    if (part.text() != null) {
      return Part.fromText(STAFF_MARKER + part.text());
    }
    if (part.media() != null) {
      return Part.fromText(STAFF_MARKER + "(sent an attachment)");
    }
    return null;
  }

  /**
   * A voice note of an earlier turn, fetched again so the model hears what was said. A gateway
   * keeps media for a while only (WhatsApp's servers drop it after weeks, Evolution may clean its
   * store): when it is gone, or the gateway fails, the note becomes a placeholder. Failing would
   * fail every later turn of the conversation for as long as the note stays in memory; the model's
   * own answer to it is in memory beside it.
   */
  private Part earlierMedia(MediaRef ref) {
    try {
      return media(ref);
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

  /** The media of the message being answered: a failure to fetch it fails the call, typed. */
  private Part media(MediaRef ref) {
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

  private static FunctionCall functionCall(ToolCall call) {
    FunctionCall.Builder builder =
        FunctionCall.builder().name(call.name()).args(call.args() == null ? Map.of() : call.args());
    if (call.id() != null) {
      builder.id(call.id());
    }
    return builder.build();
  }

  private static FunctionResponse functionResponse(ToolResult result) {
    FunctionResponse.Builder builder =
        FunctionResponse.builder()
            .name(result.name())
            .response(result.response() == null ? Map.of() : result.response());
    if (result.id() != null) {
      builder.id(result.id());
    }
    return builder.build();
  }

  /**
   * Re-attaches the signature a thinking model put on this part. Without it the model loses its
   * reasoning about the call (Gemini 3 refuses the request outright).
   */
  private static Part withSignature(Part.Builder builder, String thoughtSignature) {
    if (thoughtSignature != null) {
      byte[] signature = decodeSignature(thoughtSignature);
      if (signature != null) {
        builder.thoughtSignature(signature);
      }
    }
    return builder.build();
  }

  /**
   * Signatures are stored as standard base64. A damaged one is dropped rather than failing the turn
   * for good: the model can still answer without it, a non-retryable failure could not.
   */
  private static byte[] decodeSignature(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(base64);
      } catch (IllegalArgumentException notBase64) {
        log.warn("Dropping a thought signature that is not base64 ({} chars)", base64.length());
        return null;
      }
    }
  }

  /** The clinic's tools for the request's audience when it names one; else those it lists. */
  private List<ToolSpec> offered(LlmRequest request) {
    ToolScope scope = request.toolScope();
    return scope != null ? catalogs.offeredTo(scope) : request.tools();
  }

  private static List<FunctionDeclaration> declarations(List<ToolSpec> tools) {
    List<FunctionDeclaration> declarations = new ArrayList<>();
    if (tools == null) {
      return declarations;
    }
    for (ToolSpec tool : tools) {
      FunctionDeclaration.Builder declaration = FunctionDeclaration.builder().name(tool.name());
      if (tool.description() != null) {
        declaration.description(tool.description());
      }
      if (tool.parameters() != null && !tool.parameters().isEmpty()) {
        // Our specs are JSON Schema already; parametersJsonSchema sends them as they are instead
        // of converting to Gemini's OpenAPI-subset Schema type.
        declaration.parametersJsonSchema(tool.parameters());
      }
      declarations.add(declaration.build());
    }
    return declarations;
  }
}
