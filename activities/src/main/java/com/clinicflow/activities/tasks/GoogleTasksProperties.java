package com.clinicflow.activities.tasks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The part of {@code clinicflow.google.*} Google Tasks needs (the calendar adapter binds the same
 * prefix for itself).
 *
 * @param credentialsFile service-account or authorized-user JSON; unset = sandbox (local lists in
 *     PostgreSQL). Its {@code token_uri} is honoured. A service account reaches a person's task
 *     lists only through Workspace domain-wide delegation: prefer an authorized-user refresh token
 * @param rootUrl API root, default {@code https://tasks.googleapis.com/}; tests point it at a fake
 */
@ConfigurationProperties(prefix = "clinicflow.google")
public record GoogleTasksProperties(String credentialsFile, String rootUrl) {

  public static final String DEFAULT_ROOT_URL = "https://tasks.googleapis.com/";

  public GoogleTasksProperties {
    credentialsFile = credentialsFile == null || credentialsFile.isBlank() ? null : credentialsFile;
    rootUrl =
        rootUrl == null || rootUrl.isBlank()
            ? DEFAULT_ROOT_URL
            : rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
  }

  public boolean sandboxed() {
    return credentialsFile == null;
  }
}
