package com.clinicflow.activities.gemini;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.media.MediaFetcher;
import com.clinicflow.activities.media.MediaFetchers;
import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.activities.tools.ToolCatalogs;
import com.clinicflow.workflows.agent.LlmActivities;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The LLM activity: Gemini when {@code clinicflow.gemini.api-key} is set, the labelled offline
 * sandbox otherwise. Import it into the worker's context and register the {@code llmActivities}
 * bean with the worker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GeminiProperties.class)
public class LlmConfiguration {

  /**
   * Live mode needs a {@link TenantSecrets}, at least one {@link MediaFetcher} (each channel's,
   * joined by {@link MediaFetchers}) and a {@link ToolCatalogs} bean and fails at start-up without
   * them, rather than at a patient's first voice note or with a model silently offered no tools.
   * Spring closes the Gemini clients on shutdown ({@code close()} is inferred as the destroy
   * method).
   */
  @Bean
  public LlmActivities llmActivities(
      GeminiProperties properties,
      ObjectProvider<TenantSecrets> tenantSecrets,
      ObjectProvider<MediaFetcher> mediaFetchers,
      ObjectProvider<ToolCatalogs> toolCatalogs,
      ObjectProvider<MeterRegistry> meterRegistry) {
    if (!properties.hasApiKey()) {
      return new SandboxLlmActivities();
    }
    return new GeminiLlmActivities(
        properties,
        tenantSecrets.getObject(),
        new MediaFetchers(mediaFetchers.orderedStream().toList()),
        toolCatalogs.getObject(),
        meterRegistry.getIfAvailable());
  }

  @Bean
  public IntegrationStatus geminiIntegrationStatus(GeminiProperties properties) {
    if (!properties.hasApiKey()) {
      return new IntegrationStatus("gemini", false, "sandbox: no clinicflow.gemini.api-key");
    }
    return new IntegrationStatus(
        "gemini",
        true,
        properties.baseUrl() + " " + properties.apiVersion() + " model " + properties.model());
  }
}
