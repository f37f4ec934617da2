package com.clinicflow.activities.secrets;

import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.common.HeaderValues;
import java.util.Optional;

/**
 * Per-tenant secrets ({@code tenant_secrets}), decrypted on read. A tenant's own value overrides
 * the shared one from configuration (e.g. its own Gemini key or Evolution instance token). Values
 * are never logged, returned by the API or put into workflow payloads.
 */
public interface TenantSecrets {

  /** Well-known secret names. */
  String GEMINI_API_KEY = "gemini_api_key";

  String EVOLUTION_API_KEY = "evolution_api_key";

  String TELEGRAM_BOT_TOKEN = "telegram_bot_token";

  /** JSON of a Google service account or authorized user (Calendar, Tasks). */
  String GOOGLE_CREDENTIALS = "google_credentials";

  /** The tenant's value for {@code name}, if it has one. */
  Optional<String> find(String tenantId, String name);

  /**
   * The tenant's key or token {@code name} (one that travels in an HTTP header), if it has a
   * non-blank one.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code CONFIGURATION} when it is not one word of
   *     printable ASCII ({@link HeaderValues}): stored before the API refused such values, or by
   *     SQL, it would make the HTTP client refuse the header and quote it in its error
   */
  default Optional<String> findKey(String tenantId, String name) {
    Optional<String> key = find(tenantId, name).filter(value -> !value.isBlank());
    if (key.isPresent() && !HeaderValues.usable(key.get())) {
      throw Errors.CONFIGURATION.failure(
          "The clinic's " + name + " is not one word of printable ASCII");
    }
    return key;
  }
}
