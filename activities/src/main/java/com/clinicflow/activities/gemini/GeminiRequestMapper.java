package com.clinicflow.activities.gemini;

import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.tools.ToolCatalogs;
import com.clinicflow.workflows.agent.ChatMessage;
import com.clinicflow.workflows.agent.ChatPart;
import com.clinicflow.workflows.agent.ChatRole;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.ToolCall;
import com.clinicflow.workflows.agent.ToolResult;
import com.clinicflow.workflows.agent.ToolScope;
import com.clinicflow.workflows.agent.ToolSpec;
import com.google.genai.types.AutomaticFunctionCallingConfig;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
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
  private final MediaParts mediaParts;
  private final ToolCatalogs catalogs;

  GeminiRequestMapper(
      GeminiProperties properties, MediaFetcher mediaFetcher, ToolCatalogs catalogs) {
    this(properties, new MediaParts(mediaFetcher), catalogs);
  }

  /** With its own media rules (a smaller budget per request, in tests). */
  GeminiRequestMapper(GeminiProperties properties, MediaParts mediaParts, ToolCatalogs catalogs) {
    this.properties = properties;
    this.mediaParts = mediaParts;
    this.catalogs = catalogs;
  }

  List<Content> contents(List<ChatMessage> history) {
    return contents(history, new ArrayList<>());
  }

  /**
   * The history as Gemini contents; the media fetched for this call that has no words yet (of the
   * message being answered or of an earlier turn) is added to {@code heard}.
   */
  List<Content> contents(List<ChatMessage> history, List<MediaParts.Heard> heard) {
    List<Content> contents = new ArrayList<>();
    if (history == null) {
      return contents;
    }
    int newestWords = newestWords(history);
    Map<ChatPart, Part> media = media(history, newestWords, heard);
    for (int i = 0; i < history.size(); i++) {
      ChatMessage message = history.get(i);
      List<Part> parts = parts(message, media);
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

  /**
   * The Gemini part of every patient media part of the history, newest message first: the media
   * being answered is fetched (or fails the call) before any earlier turn's, and is the first to
   * take from the request's budget for inline media, so a large earlier photo never pushes it out.
   * Keyed by identity: the same media sent twice is two parts.
   */
  private Map<ChatPart, Part> media(
      List<ChatMessage> history, int newestWords, List<MediaParts.Heard> heard) {
    Map<ChatPart, Part> media = new IdentityHashMap<>();
    MediaParts.Budget budget = mediaParts.budget();
    for (int i = history.size() - 1; i >= 0; i--) {
      ChatMessage message = history.get(i);
      if (message.role() == ChatRole.STAFF || message.parts() == null) {
        continue;
      }
      for (ChatPart part : message.parts()) {
        if (part.text() == null && part.media() != null) {
          media.put(part, mediaParts.part(part, i < newestWords, heard, budget));
        }
      }
    }
    return media;
  }

  private List<Part> parts(ChatMessage message, Map<ChatPart, Part> media) {
    List<Part> parts = new ArrayList<>();
    if (message.parts() == null) {
      return parts;
    }
    boolean staff = message.role() == ChatRole.STAFF;
    for (ChatPart part : message.parts()) {
      Part mapped = staff ? staffPart(part) : part(part, media);
      if (mapped != null) {
        parts.add(mapped);
      }
    }
    return parts;
  }

  private Part part(ChatPart part, Map<ChatPart, Part> media) {
    if (part.text() != null) {
      return withSignature(Part.builder().text(part.text()), part.thoughtSignature());
    }
    if (part.media() != null) {
      return media.get(part);
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
