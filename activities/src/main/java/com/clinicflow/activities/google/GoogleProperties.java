package com.clinicflow.activities.google;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Google APIs ({@code clinicflow.google.*}): Calendar, and Tasks for the staff assistant.
 *
 * @param credentialsFile a service-account or authorized-user JSON file; its {@code token_uri} is
 *     honoured. Unset = the calendar and task lists run in sandbox (PostgreSQL) for clinics without
 *     their own {@code google_credentials} secret. A service account reaches a person's task lists
 *     only through Workspace domain-wide delegation. Load only files you control
 * @param rootUrl API root; the service paths ({@code calendar/v3/}) are appended, so tests point it
 *     at a local fake. Always ends with {@code /}. Left at the default, Tasks uses its own host
 * @param timeout connect and read timeout of one HTTP call (the activity's own timeout is longer)
 * @param confirmationTime local time ({@code HH:mm}, in each clinic's zone) of the daily
 *     confirmation run; a clinic overrides it with {@code clinic_info.confirmation_time}
 */
@ConfigurationProperties(prefix = "clinicflow.google")
public record GoogleProperties(
    String credentialsFile,
    @DefaultValue(DEFAULT_ROOT_URL) String rootUrl,
    @DefaultValue("20s") Duration timeout,
    @DefaultValue(DEFAULT_CONFIRMATION_TIME) String confirmationTime) {

  public static final String DEFAULT_ROOT_URL = "https://www.googleapis.com/";
  public static final String DEFAULT_CONFIRMATION_TIME = "18:00";

  /** Blank means unset (an empty environment variable is a common leftover). */
  public GoogleProperties {
    credentialsFile =
        credentialsFile == null || credentialsFile.isBlank() ? null : credentialsFile.strip();
    rootUrl = normalizeRootUrl(rootUrl);
    timeout =
        timeout == null || timeout.isNegative() || timeout.isZero()
            ? Duration.ofSeconds(20)
            : timeout;
    confirmationTime =
        confirmationTime == null || confirmationTime.isBlank()
            ? DEFAULT_CONFIRMATION_TIME
            : confirmationTime.strip();
    try {
      LocalTime.parse(confirmationTime);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "clinicflow.google.confirmation-time must be HH:mm, e.g. 18:00");
    }
  }

  /** Settings with everything default but the credentials file and the root URL. */
  public static GoogleProperties of(String credentialsFile, String rootUrl) {
    return new GoogleProperties(credentialsFile, rootUrl, null, null);
  }

  public boolean hasSharedCredentials() {
    return credentialsFile != null;
  }

  public LocalTime confirmationLocalTime() {
    return LocalTime.parse(confirmationTime);
  }

  private static String normalizeRootUrl(String value) {
    String url = value == null || value.isBlank() ? DEFAULT_ROOT_URL : value.strip();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("clinicflow.google.root-url is not a URL");
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "clinicflow.google.root-url must be an absolute http(s) URL");
    }
    // The client appends "calendar/v3/" to the root as is: without the slash the path breaks.
    return url.endsWith("/") ? url : url + "/";
  }
}
