package com.clinicflow.activities.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import java.time.Duration;

/**
 * HTTP for Google's Java clients, shared by every Google API of ClinicFlow.
 *
 * <ul>
 *   <li>Apache transport: {@code NetHttpTransport} cannot send PATCH and turns it into a POST with
 *       {@code X-HTTP-Method-Override}, which fake servers (and proxies) do not understand.
 *   <li>No retries of its own: Apache's automatic retries are off, no I/O back-off handler is set,
 *       and a request is repeated at most once, for the credentials adapter to refresh an expired
 *       token on a 401. Temporal owns every other retry.
 * </ul>
 */
public final class GoogleHttp {

  private GoogleHttp() {}

  public static HttpTransport newTransport() {
    return new ApacheHttpTransport(
        ApacheHttpTransport.newDefaultHttpClientBuilder()
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .build());
  }

  /** The token exchange goes through the same transport (and its timeouts). */
  public static HttpTransportFactory factory(HttpTransport transport) {
    return () -> transport;
  }

  /** Authorises every request and bounds it by {@code timeout}. */
  public static HttpRequestInitializer initializer(
      GoogleCredentials credentials, Duration timeout) {
    HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    return request -> {
      adapter.initialize(request);
      request.setConnectTimeout(millis);
      request.setReadTimeout(millis);
      request.setNumberOfRetries(1);
      request.setIOExceptionHandler(null);
    };
  }
}
