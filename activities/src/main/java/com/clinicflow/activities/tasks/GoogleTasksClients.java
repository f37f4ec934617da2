package com.clinicflow.activities.tasks;

import com.clinicflow.activities.google.GoogleCredentialSource;
import com.clinicflow.activities.google.GoogleCredentialSource.ResolvedCredentials;
import com.clinicflow.activities.google.GoogleHttp;
import com.clinicflow.activities.google.GoogleProperties;
import com.clinicflow.workflows.common.Errors;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.TasksScopes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Tasks client per credential set (the shared one, and each clinic's own), built on first use
 * and kept, like the calendar's: their credentials cache access tokens.
 */
final class GoogleTasksClients {

  static final List<String> SCOPES = List.of(TasksScopes.TASKS);
  static final String APPLICATION_NAME = "clinicflow";
  static final String TASKS_ROOT_URL = "https://tasks.googleapis.com/";

  private final GoogleCredentialSource credentials;
  private final HttpTransport transport;
  private final GoogleProperties properties;
  private final Map<String, Tasks> byFingerprint = new ConcurrentHashMap<>();

  GoogleTasksClients(
      GoogleCredentialSource credentials, HttpTransport transport, GoogleProperties properties) {
    this.credentials = credentials;
    this.transport = transport;
    this.properties = properties;
  }

  Tasks forTenant(String tenantId) {
    ResolvedCredentials resolved =
        credentials
            .forTenant(tenantId, SCOPES)
            .orElseThrow(
                () ->
                    Errors.CONFIGURATION.failure(
                        "No Google credentials for the clinic: set clinicflow.google.credentials-file"
                            + " or its google_credentials secret"));
    return byFingerprint.computeIfAbsent(resolved.fingerprint(), k -> build(resolved));
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

  private Tasks build(ResolvedCredentials resolved) {
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
