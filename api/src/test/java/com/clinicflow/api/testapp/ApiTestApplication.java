package com.clinicflow.api.testapp;

import com.clinicflow.api.ApiConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import org.mockito.Mockito;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Stands in for the {@code app} module: imports {@link ApiConfiguration} and provides exactly the
 * beans it expects from the application, as in-memory fakes.
 *
 * <p>{@link TestComponent} keeps ApiConfiguration's component scan (which covers this package) from
 * picking this class up a second time.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ApiConfiguration.class)
@TestComponent
public class ApiTestApplication {

  @Bean
  InMemoryTenantDirectory tenantDirectory() {
    return new InMemoryTenantDirectory();
  }

  @Bean
  InMemoryTenantInsights tenantInsights() {
    return new InMemoryTenantInsights();
  }

  @Bean
  InMemoryConversationRecords conversationRecords() {
    return new InMemoryConversationRecords();
  }

  @Bean
  InMemorySecretStore tenantSecretStore() {
    return new InMemorySecretStore();
  }

  @Bean
  InMemoryInboundLedger inboundLedger() {
    return new InMemoryInboundLedger();
  }

  @Bean
  InMemoryContactDirectory contactDirectory() {
    return new InMemoryContactDirectory();
  }

  @Bean
  InMemoryStaffChats staffChats() {
    return new InMemoryStaffChats();
  }

  @Bean
  RecordingConnectionEvents connectionEvents() {
    return new RecordingConnectionEvents();
  }

  @Bean
  SimpleMeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  /** The API's only door into Temporal; tests replace the starter that uses it. */
  @Bean
  WorkflowClient workflowClient() {
    return Mockito.mock(WorkflowClient.class);
  }
}
