package com.clinicflow.activities.calendar;

import com.clinicflow.activities.google.GoogleClients;
import com.clinicflow.activities.google.GoogleCredentialSource;
import com.clinicflow.activities.google.GoogleCredentialSource.ResolvedCredentials;
import com.clinicflow.activities.google.GoogleHttp;
import com.clinicflow.activities.google.GoogleProperties;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.CalendarScopes;
import java.util.List;

/** The Calendar client of each clinic's credentials ({@link GoogleClients}). */
final class GoogleCalendarClients {

  static final List<String> SCOPES = List.of(CalendarScopes.CALENDAR);
  static final String APPLICATION_NAME = "clinicflow";

  private final GoogleClients<Calendar> clients;

  GoogleCalendarClients(
      GoogleCredentialSource credentials, HttpTransport transport, GoogleProperties properties) {
    this.clients =
        new GoogleClients<>(
            credentials, SCOPES, resolved -> build(resolved, transport, properties));
  }

  Calendar forTenant(String tenantId) {
    return clients.forTenant(tenantId);
  }

  private static Calendar build(
      ResolvedCredentials resolved, HttpTransport transport, GoogleProperties properties) {
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
