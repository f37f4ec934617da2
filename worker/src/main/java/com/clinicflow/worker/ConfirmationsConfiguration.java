package com.clinicflow.worker;

import com.clinicflow.activities.store.TenantRepository;
import io.temporal.client.WorkflowClient;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Daily confirmations in the worker role: {@code confirmationSchedules} ({@link
 * ConfirmationSchedules}, the port to call after tenant writes) and {@code tenantScheduleSync}
 * ({@link TenantScheduleSync}, which calls it for every tenant change the database announces and
 * for every clinic at start-up). Needs a {@link WorkflowClient} and the store's {@link
 * TenantRepository}.
 */
@Configuration(proxyBeanMethods = false)
public class ConfirmationsConfiguration {

  @Bean
  public ConfirmationSchedules confirmationSchedules(
      WorkflowClient client, TemporalProperties properties, TenantRepository tenants) {
    return new ConfirmationSchedules(client, properties.taskQueue(), tenants);
  }

  @Bean
  public TenantScheduleSync tenantScheduleSync(
      ConfirmationSchedules confirmationSchedules, DataSource dataSource) {
    return new TenantScheduleSync(confirmationSchedules, dataSource);
  }
}
