package com.clinicflow.activities.tasks;

import com.clinicflow.activities.IntegrationStatus;
import com.google.api.services.tasks.TasksScopes;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clinic task lists: Google Tasks with {@code clinicflow.google.credentials-file}, PostgreSQL
 * ({@code sandbox_task}) without. Beans: {@code taskBoard} ({@link TaskBoard}) and {@code
 * googleTasksIntegrationStatus}. An unreadable credentials file fails the start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GoogleTasksProperties.class)
public class TasksConfiguration {

  @Bean
  public TaskBoard taskBoard(GoogleTasksProperties properties, DataSource dataSource) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    if (properties.sandboxed()) {
      return new SandboxTaskBoard(jdbc);
    }
    return new GoogleTaskBoard(credentials(properties), properties.rootUrl(), jdbc);
  }

  @Bean
  public IntegrationStatus googleTasksIntegrationStatus(GoogleTasksProperties properties) {
    return properties.sandboxed()
        ? new IntegrationStatus(
            "google-tasks", false, "sandbox: no clinicflow.google.credentials-file")
        : new IntegrationStatus("google-tasks", true, properties.rootUrl());
  }

  static GoogleCredentials credentials(GoogleTasksProperties properties) {
    try (InputStream in = Files.newInputStream(Path.of(properties.credentialsFile()))) {
      return GoogleCredentials.fromStream(in).createScoped(TasksScopes.TASKS);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "clinicflow.google.credentials-file cannot be read as Google credentials", e);
    }
  }

  /** For tests and callers that hold credentials already. */
  public static TaskBoard google(GoogleCredentials credentials, String rootUrl, DataSource ds) {
    return new GoogleTaskBoard(credentials, rootUrl, JdbcClient.create(ds));
  }
}
