package com.clinicflow.activities.gemini;

import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second model of {@code clinicflow.gemini.fallback-model}: when the configured model answers
 * that it is overloaded or out of quota (HTTP 429 or 5xx, Google's "model is overloaded" days), the
 * same request is asked of it once, in the same attempt, instead of spending the LLM activity's
 * attempts on a model that is down while the patient waits and the conversation heads for an
 * operator. A request the first model refused for what it is (4xx) or that timed out is not asked
 * again. When the second model fails too, the attempt fails as the first model's failure did (its
 * type, and for a 429 its longer retry delay). Counted as {@code clinicflow.gemini.fallbacks} (tags
 * {@code tenant}, {@code outcome} = {@code ok} | {@code failed}).
 */
final class ModelFallback {

  private static final Logger log = LoggerFactory.getLogger(ModelFallback.class);

  private final String model;
  private final MeterRegistry meters;

  /**
   * @param model the second model; null = none
   */
  ModelFallback(String model, MeterRegistry meters) {
    this.model = model;
    this.meters = meters;
  }

  /** Whether the first model's answer {@code e} is one the second model is asked after. */
  boolean appliesTo(ApiException e) {
    return model != null && (e.code() == 429 || e.code() >= 500);
  }

  /**
   * Asks the second model; its answer, or {@code firstFailure} when it fails too.
   *
   * @throws ApplicationFailure {@code firstFailure}
   */
  GenerateContentResponse ask(
      Client client,
      List<Content> contents,
      GenerateContentConfig config,
      String tenant,
      ApplicationFailure firstFailure) {
    try {
      GenerateContentResponse response = client.models.generateContent(model, contents, config);
      count(tenant, "ok");
      log.info("Tenant {} answered by the fallback model {}", tenant, model);
      return response;
    } catch (RuntimeException e) {
      count(tenant, "failed");
      log.warn(
          "Fallback model {} for tenant {} failed too ({})",
          model,
          tenant,
          e instanceof ApiException api ? "HTTP " + api.code() : e.getClass().getSimpleName());
      throw firstFailure;
    }
  }

  private void count(String tenant, String outcome) {
    Counter.builder("clinicflow.gemini.fallbacks")
        .description("Gemini calls asked of the fallback model, by how they ended")
        .tag("tenant", tenant)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
