package com.clinicflow.activities.secrets;

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
}
