package com.clinicflow.activities.tasks;

import com.clinicflow.activities.google.GoogleClients;
import com.clinicflow.activities.google.GoogleCredentialSource;
import com.clinicflow.activities.google.GoogleCredentialSource.ResolvedCredentials;
import com.clinicflow.activities.google.GoogleHttp;
import com.clinicflow.activities.google.GoogleProperties;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.TasksScopes;
import java.util.List;

/** The Tasks client of each clinic's credentials ({@link GoogleClients}), like the calendar's. */
final class GoogleTasksClients {

  static final List<String> SCOPES = List.of(TasksScopes.TASKS);
  static final String APPLICATION_NAME = "clinicflow";
  static final String TASKS_ROOT_URL = "https://tasks.googleapis.com/";

  private final GoogleClients<Tasks> clients;

  GoogleTasksClients(
      GoogleCredentialSource credentials, HttpTransport transport, GoogleProperties properties) {
    this.clients =
        new GoogleClients<>(
            credentials, SCOPES, resolved -> build(resolved, transport, properties));
  }

  Tasks forTenant(String tenantId) {
    return clients.forTenant(tenantId);
  }

  /**
   * {@code clinicflow.google.root-url} left at Google's default means Google itself, and Tasks has
   * its own host there; a root set on purpose (a fake in tests) serves Tasks as well.
   */
  static String rootUrl(GoogleProperties properties) {
    return GoogleProperties.DEFAULT_ROOT_URL.equals(properties.rootUrl())
        ? TASKS_ROOT_URL
        : properties.rootUrl();
  }

  private static Tasks build(
      ResolvedCredentials resolved, HttpTransport transport, GoogleProperties properties) {
    return new Tasks.Builder(
            transport,
            GsonFactory.getDefaultInstance(),
            GoogleHttp.initializer(resolved.credentials(), properties.timeout()))
        .setApplicationName(APPLICATION_NAME)
        .setRootUrl(rootUrl(properties))
        // Bodies are tiny; gzipped ones would be binary to fakes and logs.
        .setGoogleClientRequestInitializer(request -> request.setDisableGZipContent(true))
        .build();
  }
}
