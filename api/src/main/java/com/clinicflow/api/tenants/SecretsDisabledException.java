package com.clinicflow.api.tenants;

import com.clinicflow.api.errors.ApiException;
import org.springframework.http.HttpStatus;

/**
 * 409 {@code secrets_disabled}: the server has no master key, so it cannot store a secret. A
 * conflict with the server's state that the caller cannot fix by retrying (hence not 503): an
 * operator must configure the key.
 */
class SecretsDisabledException extends ApiException {

  SecretsDisabledException() {
    super(
        HttpStatus.CONFLICT,
        "secrets_disabled",
        "Tenant secrets are disabled on this server: set clinicflow.security.master-key"
            + " (CLINICFLOW_SECURITY_MASTER_KEY, base64 of 32 bytes) and restart.");
  }
}
