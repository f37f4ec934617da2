package com.clinicflow.activities.gemini;

import com.clinicflow.activities.Heartbeats;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.tools.ToolCatalogs;
import com.clinicflow.workflows.agent.LlmActivities;
import com.clinicflow.workflows.agent.LlmReply;
import com.clinicflow.workflows.agent.LlmRequest;
import com.clinicflow.workflows.agent.MediaKind;
import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LlmActivities} on Google Gemini through the google-genai SDK.
 *
 * <p>Each call uses the clinic's own API key when {@link TenantSecrets} has one, else the shared
 * key. SDK retries are off; failures come out typed per {@code Errors} (see {@link GeminiFailures})
 * so Temporal decides what to retry. A patient's voice notes, photos and PDFs are fetched through
 * {@link MediaFetcher} while the request is built, so their bytes never enter workflow history, and
 * go inline within a budget per request ({@link MediaParts}); those of the message being answered
 * are transcribed or described while the model answers ({@link GeminiTranscriber}) and the words
 * come back in the reply, for the workflow to keep beside them. A call Gemini blocks or refuses as
 * malformed while it carries media is asked once more with the media in words ({@link
 * WithheldMedia}). A request that names its tools by audience declares the clinic's catalog for it
 * ({@link ToolCatalogs}, decision 0019).
 *
 * <p>The call heartbeats while it runs ({@link Heartbeats}), so a dead worker is noticed after the
 * LLM stub's short heartbeat timeout rather than its long start-to-close timeout.
 *
 * <p>Metrics: timer {@code clinicflow.gemini.latency} (tags {@code tenant}, {@code outcome}),
 * counter {@code clinicflow.gemini.tokens} (tags {@code tenant}, {@code direction} = {@code prompt}
 * | {@code output}), counter {@code clinicflow.gemini.transcripts} (tags {@code tenant}, {@code
 * outcome} = {@code ok} | {@code failed} | {@code late} | {@code withheld}, {@code media} = {@code
 * voice_note} | {@code photo} | {@code document} | {@code video}), counter {@code
 * clinicflow.gemini.fallbacks} ({@link ModelFallback}).
 *
 * <p>A call the model answers with an overload or quota error is asked once of the fallback model
 * when one is configured ({@link ModelFallback}).
 */
public final class GeminiLlmActivities implements LlmActivities, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GeminiLlmActivities.class);

  private final GeminiProperties properties;
  private final TenantSecrets tenantSecrets;
  private final GeminiRequestMapper requests;
  private final GeminiClients clients;
  private final GeminiTranscriber transcriber;
  private final MeterRegistry meters;
  private final ModelFallback fallback;

  /**
   * @param properties must carry the shared API key
   * @param tenantSecrets source of a clinic's own key
   * @param mediaFetcher fetches a patient's media: voice notes, photos, documents
   * @param catalogs the clinic's tools, for requests that name them by audience
   * @param meterRegistry where metrics go; null = nowhere
   */
  public GeminiLlmActivities(
      GeminiProperties properties,
      TenantSecrets tenantSecrets,
      MediaFetcher mediaFetcher,
      ToolCatalogs catalogs,
      MeterRegistry meterRegistry) {
    if (!properties.hasApiKey()) {
      throw new IllegalArgumentException(
          "clinicflow.gemini.api-key is not set: use SandboxLlmActivities");
    }
    this.properties = properties;
    this.tenantSecrets = Objects.requireNonNull(tenantSecrets, "tenantSecrets");
    this.requests =
        new GeminiRequestMapper(
            properties,
            Objects.requireNonNull(mediaFetcher, "mediaFetcher"),
            Objects.requireNonNull(catalogs, "catalogs"));
    this.clients = new GeminiClients(properties);
    // An empty composite registry records nothing: metrics stay optional without null checks.
    this.meters = meterRegistry != null ? meterRegistry : new CompositeMeterRegistry();
    this.fallback = new ModelFallback(properties.fallbackModel(), meters);
    this.transcriber = new GeminiTranscriber(properties, fallback);
  }

  @Override
  public LlmReply generate(LlmRequest request) {
    String tenant = request.tenantId() == null ? "unknown" : request.tenantId();
    Timer.Sample sample = Timer.start(meters);
    try {
      // The whole call (media download included) heartbeats: if this worker dies mid-call,
      // the LLM stub's heartbeat timeout gives the attempt to another worker within seconds.
      LlmReply reply = Heartbeats.whileRunning(() -> call(request, tenant));
      countTokens(tenant, reply);
      stopTimer(sample, tenant, "ok");
      return reply;
    } catch (ApplicationFailure failure) {
      String type = failure.getType() == null ? "error" : failure.getType();
      stopTimer(sample, tenant, type.toLowerCase(Locale.ROOT));
      throw failure;
    } catch (RuntimeException e) {
      stopTimer(sample, tenant, "error");
      throw e;
    }
  }

  private LlmReply call(LlmRequest request, String tenant) {
    Client client = clients.forKey(apiKeyFor(request.tenantId()));
    List<MediaParts.Heard> heard = new ArrayList<>();
    List<Content> contents = requests.contents(request.history(), heard);
    GenerateContentConfig config = requests.config(request);
    // The media's transcripts are asked for while the model answers: the answer never waits on
    // them.
    GeminiTranscriber.Pending transcripts = transcriber.start(client, heard, tenant);
    LlmReply reply;
    try {
      reply = GeminiReplyMapper.toReply(generate(client, contents, config, tenant));
    } catch (ApplicationFailure refused) {
      if (!WithheldMedia.mayExplain(refused, heard)) {
        transcripts.cancel();
        throw refused;
      }
      return withoutMedia(client, contents, config, heard, transcripts, refused, tenant);
    } catch (RuntimeException e) {
      transcripts.cancel();
      throw e;
    }
    return transcripts.isEmpty() ? reply : reply.withTranscripts(heardWords(transcripts, tenant));
  }

  /**
   * Asks again a call that Gemini refused while it carried media, with the media replaced by its
   * words ({@link WithheldMedia}); the second refusal, if any, is the call's.
   */
  private LlmReply withoutMedia(
      Client client,
      List<Content> contents,
      GenerateContentConfig config,
      List<MediaParts.Heard> heard,
      GeminiTranscriber.Pending transcripts,
      ApplicationFailure refused,
      String tenant) {
    List<LlmReply.Transcript> words = WithheldMedia.words(heard, heardWords(transcripts, tenant));
    LlmReply reply =
        GeminiReplyMapper.toReply(
            generate(client, WithheldMedia.replaced(contents, heard, words), config, tenant));
    long withheld = 0;
    for (LlmReply.Transcript media : words) {
      if (WithheldMedia.WORDS.equals(media.text())) {
        transcripts(tenant, "withheld", media.media().kind()).increment();
        withheld++;
      }
    }
    log.warn(
        "Gemini refused ({}) a call of tenant {} carrying {} media; answered with their words in"
            + " their place, {} withheld for good",
        refused.getType(),
        tenant,
        heard.size(),
        withheld);
    return reply.withTranscripts(words);
  }

  private GenerateContentResponse generate(
      Client client, List<Content> contents, GenerateContentConfig config, String tenant) {
    try {
      return client.models.generateContent(properties.model(), contents, config);
    } catch (ApiException e) {
      ApplicationFailure failure = logged(tenant, GeminiFailures.from(e));
      if (fallback.appliesTo(e)) {
        return fallback.ask(client, contents, config, tenant, failure);
      }
      throw failure;
    } catch (GenAiIOException e) {
      throw logged(tenant, GeminiFailures.from(e));
    } catch (RuntimeException e) {
      throw logged(tenant, GeminiFailures.unexpected(e));
    }
  }

  /** The transcripts that came, counted with their tokens; the others are simply missing. */
  private List<LlmReply.Transcript> heardWords(GeminiTranscriber.Pending pending, String tenant) {
    List<LlmReply.Transcript> words = new ArrayList<>();
    for (GeminiTranscriber.Outcome outcome : pending.await()) {
      transcripts(tenant, outcome.status(), outcome.kind()).increment();
      tokens(tenant, "prompt").increment(outcome.promptTokens());
      tokens(tenant, "output").increment(outcome.outputTokens());
      if (outcome.transcript() != null) {
        words.add(outcome.transcript());
      }
    }
    return words;
  }

  private Counter transcripts(String tenant, String outcome, MediaKind kind) {
    return Counter.builder("clinicflow.gemini.transcripts")
        .description("Transcripts and descriptions of media asked of Gemini, by outcome and kind")
        .tag("tenant", tenant)
        .tag("outcome", outcome)
        .tag("media", kind.name().toLowerCase(Locale.ROOT))
        .register(meters);
  }

  private static ApplicationFailure logged(String tenant, ApplicationFailure failure) {
    log.warn("Gemini call for tenant {} failed: {}", tenant, failure.getOriginalMessage());
    return failure;
  }

  /** The clinic's own key when it has one; the shared key otherwise. */
  private String apiKeyFor(String tenantId) {
    if (tenantId != null) {
      Optional<String> own = tenantSecrets.findKey(tenantId, TenantSecrets.GEMINI_API_KEY);
      if (own.isPresent()) {
        return own.get();
      }
    }
    return properties.apiKey();
  }

  private void countTokens(String tenant, LlmReply reply) {
    tokens(tenant, "prompt").increment(reply.promptTokens());
    tokens(tenant, "output").increment(reply.outputTokens());
  }

  private Counter tokens(String tenant, String direction) {
    return Counter.builder("clinicflow.gemini.tokens")
        .description("Gemini tokens per clinic")
        .tag("tenant", tenant)
        .tag("direction", direction)
        .register(meters);
  }

  private void stopTimer(Timer.Sample sample, String tenant, String outcome) {
    sample.stop(
        Timer.builder("clinicflow.gemini.latency")
            .description("Duration of one Gemini generateContent call")
            .tag("tenant", tenant)
            .tag("outcome", outcome)
            .register(meters));
  }

  /** How many SDK clients exist (one per distinct API key used so far). */
  int clientCount() {
    return clients.size();
  }

  /** Closes every SDK client (connection pools, threads); called by Spring on shutdown. */
  @Override
  public void close() {
    transcriber.close();
    clients.close();
  }
}
