package com.clinicflow.activities.google;

import com.clinicflow.activities.secrets.TenantSecrets;
import com.clinicflow.workflows.common.Errors;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Google credentials a clinic's calls use: the clinic's own ({@code tenant_secrets} name {@link
 * TenantSecrets#GOOGLE_CREDENTIALS}, the JSON of a service account or authorized user) when it has
 * them, else the shared file of {@code clinicflow.google.credentials-file}, else none (sandbox).
 *
 * <p>Parsed credentials are kept per content (a fingerprint of the JSON and the scopes), so their
 * access tokens are cached and refreshed by the auth library, and a rotated secret simply gets new
 * ones. The auth library's own retries of the token exchange are turned off: Temporal retries.
 */
public final class GoogleCredentialSource {

  /** Credentials and a fingerprint that names them without showing them (for client caches). */
  public record ResolvedCredentials(
      String fingerprint, GoogleCredentials credentials, boolean clinicOwn) {}

  private final byte[] shared;
  private final TenantSecrets secrets;
  private final HttpTransportFactory tokenTransport;
  private final Map<String, ResolvedCredentials> parsed = new ConcurrentHashMap<>();

  /**
   * Reads the shared file now, so a wrong path or a malformed file fails the start, not a patient's
   * booking.
   */
  public GoogleCredentialSource(
      GoogleProperties properties, TenantSecrets secrets, HttpTransportFactory tokenTransport) {
    this.secrets = secrets;
    this.tokenTransport = tokenTransport;
    this.shared = properties.hasSharedCredentials() ? read(properties.credentialsFile()) : null;
    if (shared != null) {
      parse(shared, List.of(), false, "clinicflow.google.credentials-file");
    }
  }

  /** The credentials for the clinic's calls with these scopes, if there are any. */
  public Optional<ResolvedCredentials> forTenant(String tenantId, List<String> scopes) {
    Optional<String> own =
        secrets.find(tenantId, TenantSecrets.GOOGLE_CREDENTIALS).filter(s -> !s.isBlank());
    if (own.isPresent()) {
      return Optional.of(
          parse(
              own.get().getBytes(StandardCharsets.UTF_8),
              scopes,
              true,
              "the clinic's " + TenantSecrets.GOOGLE_CREDENTIALS + " secret"));
    }
    return shared == null
        ? Optional.empty()
        : Optional.of(parse(shared, scopes, false, "clinicflow.google.credentials-file"));
  }

  /**
   * Whether the clinic's calendar and task lists live at Google: it has credentials of its own, or
   * the shared file is set; the PostgreSQL sandbox otherwise. Asked per call, so a clinic given its
   * own credentials goes live without a restart.
   */
  public boolean reachesGoogle(String tenantId) {
    return shared != null
        || secrets
            .find(tenantId, TenantSecrets.GOOGLE_CREDENTIALS)
            .filter(s -> !s.isBlank())
            .isPresent();
  }

  private ResolvedCredentials parse(
      byte[] json, List<String> scopes, boolean clinicOwn, String origin) {
    String fingerprint = fingerprint(json, scopes);
    ResolvedCredentials known = parsed.get(fingerprint);
    if (known != null) {
      return known;
    }
    GoogleCredentials credentials;
    try {
      credentials =
          GoogleCredentials.fromStream(new ByteArrayInputStream(json), tokenTransport)
              .createScoped(scopes)
              .createWithCustomRetryStrategy(false);
    } catch (IOException | RuntimeException e) {
      // Never the content or the parser's message: it may quote the key.
      throw Errors.CONFIGURATION.failure(
          "Google credentials in " + origin + " are not a service account or authorized user JSON");
    }
    ResolvedCredentials resolved = new ResolvedCredentials(fingerprint, credentials, clinicOwn);
    ResolvedCredentials raced = parsed.putIfAbsent(fingerprint, resolved);
    return raced == null ? resolved : raced;
  }

  private static byte[] read(String file) {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "clinicflow.google.credentials-file cannot be read: " + file, e);
    }
  }

  private static String fingerprint(byte[] json, List<String> scopes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(json);
      sha.update(String.join(" ", scopes).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
