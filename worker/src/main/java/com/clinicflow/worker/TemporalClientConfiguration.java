package com.clinicflow.worker;

import com.clinicflow.worker.codec.PayloadEncryptionConfiguration;
import com.uber.m3.tally.RootScopeBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The connection to Temporal, used by the API (to signal conversations) and by the worker. Wired by
 * hand rather than by the Spring Boot starter: ClinicFlow decides per role whether an embedded
 * server runs in the process, and the client must not connect before it does (see
 * docs/decisions/0002-temporal-wiring.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemporalProperties.class)
@Import(PayloadEncryptionConfiguration.class)
public class TemporalClientConfiguration {

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalProperties properties,
      ObjectProvider<EmbeddedTemporalServer> embedded,
      ObjectProvider<MeterRegistry> meters) {
    // An embedded server in this process starts first, and is reached in-process.
    EmbeddedTemporalServer server = embedded.getIfAvailable();
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
    if (server != null) {
      options.setChannel(server.inProcessChannel());
    } else {
      options.setTarget(properties.target());
    }
    // The SDK's own metrics (task latencies, poll results, workflow and activity outcomes) and
    // the workflows' Workflow.getMetricsScope() timers reach /actuator/prometheus through it.
    meters.ifAvailable(
        registry ->
            options.setMetricsScope(
                new RootScopeBuilder()
                    .reporter(new MicrometerClientStatsReporter(registry))
                    .reportEvery(com.uber.m3.util.Duration.ofSeconds(10))));
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs,
      TemporalProperties properties,
      ObjectProvider<DataConverter> dataConverter) {
    WorkflowClientOptions.Builder options =
        WorkflowClientOptions.newBuilder().setNamespace(properties.namespace());
    dataConverter.ifAvailable(options::setDataConverter);
    return WorkflowClient.newInstance(stubs, options.build());
  }
}
