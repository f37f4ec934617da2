package com.clinicflow.worker;

import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The {@code worker} role: registers every workflow and the activity beans the adapters provide.
 * Activity implementations are found by their interface, so a missing adapter fails the start with
 * its name instead of failing conversations later.
 */
@Configuration(proxyBeanMethods = false)
@Import(TemporalClientConfiguration.class)
public class WorkerConfiguration {

  @Bean
  ThreadingMode threadingMode() {
    return ThreadingMode.detect();
  }

  @Bean
  ClinicFlowWorker clinicFlowWorker(
      WorkflowClient client,
      TemporalProperties properties,
      ThreadingMode threading,
      ApplicationContext context) {
    List<Object> implementations = new ArrayList<>();
    for (Class<?> type : ClinicFlowWorker.ACTIVITY_TYPES) {
      implementations.add(context.getBean(type));
    }
    return new ClinicFlowWorker(
        client,
        properties.taskQueue(),
        threading,
        implementations,
        ClinicFlowWorker.Tuning.of(properties));
  }

  /** The {@code quota-reset} workflow, started once per deployment whichever worker starts. */
  @Bean
  QuotaResetStarter quotaResetStarter(WorkflowClient client, TemporalProperties properties) {
    return new QuotaResetStarter(client, properties.taskQueue());
  }
}
