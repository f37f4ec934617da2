package com.clinicflow.activities.tasks;

import com.clinicflow.activities.IntegrationStatus;
import com.clinicflow.activities.google.GoogleConfiguration;
import com.clinicflow.activities.google.GoogleCredentialSource;
import com.clinicflow.activities.google.GoogleProperties;
import com.google.api.client.http.HttpTransport;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clinic task lists, chosen per clinic like the calendar: Google Tasks with the clinic's own
 * {@code google_credentials} secret, else with {@code clinicflow.google.credentials-file}, else
 * PostgreSQL ({@code sandbox_task}). Needs a {@link DataSource} and, through {@link
 * GoogleConfiguration}, a {@code TenantSecrets}. Beans: {@code taskBoard} ({@link TaskBoard}) and
 * {@code googleTasksIntegrationStatus}. An unreadable credentials file fails the start.
 */
@Configuration(proxyBeanMethods = false)
@Import(GoogleConfiguration.class)
public class TasksConfiguration {

  @Bean
  public TaskBoard taskBoard(
      GoogleProperties properties,
      GoogleCredentialSource credentials,
      HttpTransport googleHttpTransport,
      DataSource dataSource) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    GoogleTasksClients clients =
        new GoogleTasksClients(credentials, googleHttpTransport, properties);
    return new PerClinicTaskBoard(
        credentials, new GoogleTaskBoard(clients::forTenant, jdbc), new SandboxTaskBoard(jdbc));
  }

  @Bean
  public IntegrationStatus googleTasksIntegrationStatus(GoogleProperties properties) {
    return properties.hasSharedCredentials()
        ? new IntegrationStatus("google-tasks", true, GoogleTasksClients.rootUrl(properties))
        : new IntegrationStatus(
            "google-tasks",
            false,
            "sandbox (PostgreSQL): no clinicflow.google.credentials-file; clinics with their own"
                + " google_credentials secret use Google");
  }

  /** The PostgreSQL lists alone, for tests of the tools that need no Google. */
  public static TaskBoard sandbox(DataSource dataSource) {
    return new SandboxTaskBoard(JdbcClient.create(dataSource));
  }
}
