package com.clinicflow.activities.calendar;

import com.clinicflow.activities.google.GoogleCredentialSource;

/**
 * Chooses a clinic's calendar backend: Google when there are credentials for it (its own secret, or
 * the shared file), the PostgreSQL sandbox otherwise. Decided per call, so a clinic that is given
 * its own credentials goes live without a restart.
 */
final class CalendarBackends {

  private final GoogleCredentialSource credentials;
  private final CalendarBackend google;
  private final CalendarBackend sandbox;

  CalendarBackends(
      GoogleCredentialSource credentials, CalendarBackend google, CalendarBackend sandbox) {
    this.credentials = credentials;
    this.google = google;
    this.sandbox = sandbox;
  }

  CalendarBackend forTenant(String tenantId) {
    if (credentials == null) {
      return sandbox;
    }
    return credentials.reachesGoogle(tenantId) ? google : sandbox;
  }
}
