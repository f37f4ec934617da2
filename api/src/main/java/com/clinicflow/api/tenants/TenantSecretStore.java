package com.clinicflow.api.tenants;

import java.util.List;

/**
 * Write side of per-tenant secrets (a clinic's own Gemini key, Evolution instance token, …), which
 * override the shared ones. Values go in and never come out: there is no read of a value here.
 * Implemented by the composition root over the encrypted {@code tenant_secrets} table.
 */
public interface TenantSecretStore {

  /** Whether a master key is configured; without one nothing can be stored. */
  boolean enabled();

  /**
   * Stores (or replaces) a value, encrypted.
   *
   * @return false when the tenant does not exist
   * @throws IllegalStateException when no master key is configured
   */
  boolean put(String tenantId, String name, String value);

  /** Removes a value; false when the tenant had none under that name. */
  boolean delete(String tenantId, String name);

  /** Names of the tenant's secrets, sorted (never their values). */
  List<String> names(String tenantId);
}
