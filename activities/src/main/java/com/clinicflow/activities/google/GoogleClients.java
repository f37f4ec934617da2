package com.clinicflow.activities.google;

import com.clinicflow.activities.google.GoogleCredentialSource.ResolvedCredentials;
import com.clinicflow.workflows.common.Errors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One Google API client per credential set (the shared one, and each clinic's own), built on first
 * use and kept: clients are cheap to keep and their credentials cache access tokens. Calendar and
 * Tasks each keep theirs.
 *
 * @param <T> the API's client ({@code Calendar}, {@code Tasks})
 */
public final class GoogleClients<T> {

  private final GoogleCredentialSource credentials;
  private final List<String> scopes;
  private final Function<ResolvedCredentials, T> build;
  private final Map<String, T> byFingerprint = new ConcurrentHashMap<>();

  /**
   * @param scopes the API's OAuth scopes
   * @param build makes the client for one set of credentials
   */
  public GoogleClients(
      GoogleCredentialSource credentials,
      List<String> scopes,
      Function<ResolvedCredentials, T> build) {
    this.credentials = credentials;
    this.scopes = List.copyOf(scopes);
    this.build = build;
  }

  /**
   * The client of {@code tenantId}'s credentials: its own secret, else the shared file.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code CONFIGURATION} when it has neither
   */
  public T forTenant(String tenantId) {
    ResolvedCredentials resolved =
        credentials
            .forTenant(tenantId, scopes)
            .orElseThrow(
                () ->
                    Errors.CONFIGURATION.failure(
                        "No Google credentials for the clinic: set clinicflow.google.credentials-file"
                            + " or its google_credentials secret"));
    return byFingerprint.computeIfAbsent(resolved.fingerprint(), k -> build.apply(resolved));
  }
}
