package com.clinicflow.activities.calendar;

import com.clinicflow.activities.google.GoogleCredentialSource;
import com.clinicflow.activities.google.GoogleCredentialSource.ResolvedCredentials;
import com.clinicflow.activities.google.GoogleHttp;
import com.clinicflow.activities.google.GoogleProperties;
import com.clinicflow.workflows.common.Errors;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.CalendarScopes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Calendar client per credential set (the shared one, and each clinic's own), built on first
 * use and kept: clients are cheap to keep and their credentials cache access tokens.
 */
final class GoogleCalendarClients {

  static final List<String> SCOPES = List.of(CalendarScopes.CALENDAR);
  static final String APPLICATION_NAME = "clinicflow";

  private final GoogleCredentialSource credentials;
  private final HttpTransport transport;
  private final GoogleProperties properties;
  private final Map<String, Calendar> byFingerprint = new ConcurrentHashMap<>();

  GoogleCalendarClients(
      GoogleCredentialSource credentials, HttpTransport transport, GoogleProperties properties) {
    this.credentials = credentials;
    this.transport = transport;
    this.properties = properties;
  }

  Calendar forTenant(String tenantId) {
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

  private Calendar build(ResolvedCredentials resolved) {
    return new Calendar.Builder(
            transport,
            GsonFactory.getDefaultInstance(),
            GoogleHttp.initializer(resolved.credentials(), properties.timeout()))
        .setApplicationName(APPLICATION_NAME)
        .setRootUrl(properties.rootUrl())
        // The client gzips JSON bodies by default: fakes (and logs) then see binary. Bodies are
        // tiny, so plain JSON costs nothing in production either.
        .setGoogleClientRequestInitializer(request -> request.setDisableGZipContent(true))
        .build();
  }
}
