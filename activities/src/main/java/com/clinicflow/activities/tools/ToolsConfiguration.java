package com.clinicflow.activities.tools;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tool activity, with every {@link ToolHandler} bean in the context (none is fine: every call
 * then answers "unknown tool"). Register the {@code toolActivities} bean with the worker; it is
 * also the {@link ToolCatalogs} of the LLM activity.
 */
@Configuration(proxyBeanMethods = false)
public class ToolsConfiguration {

  /** Also the {@link ToolCatalogs} the model's activity declares tools from. */
  @Bean
  public ToolActivitiesImpl toolActivities(
      ObjectProvider<ToolHandler> handlers, ObjectProvider<MeterRegistry> meterRegistry) {
    return new ToolActivitiesImpl(
        handlers.orderedStream().toList(), meterRegistry.getIfAvailable());
  }
}
