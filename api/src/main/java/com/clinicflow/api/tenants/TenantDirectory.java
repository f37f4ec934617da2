package com.clinicflow.api.tenants;

import com.clinicflow.api.errors.UnknownTenantException;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API's view of tenant data. Implemented over PostgreSQL by the composition root ({@code app})
 * with the repositories of {@code activities}, so the API never touches activity implementations.
 */
public interface TenantDirectory {

  /** Tenants ordered by id; {@code active} null = all; {@code search} matches name or instance. */
  List<TenantConfig> list(Boolean active, String search);

  Optional<TenantConfig> find(String tenantId);

  /** The tenant, or 404 {@code unknown_tenant}. */
  default TenantConfig require(String tenantId) {
    return find(tenantId).orElseThrow(() -> new UnknownTenantException(tenantId));
  }

  /** Hot path of every webhook: served from a cache that a config change invalidates. */
  Optional<TenantConfig> findByInstance(String instanceName);

  /**
   * Inserts a tenant; read-only fields are ignored.
   *
   * @throws TenantConflictException when the id, instance name or Telegram chat is taken
   */
  TenantConfig create(TenantConfig tenant);

  /**
   * Applies the non-null fields of {@code patch} and sets the {@code cleared} ones (of {@link
   * TenantConfig#CLEARABLE_FIELDS}) to null; empty when the tenant does not exist.
   *
   * @throws TenantConflictException when the new instance name or Telegram chat is taken
   */
  Optional<TenantConfig> update(String tenantId, TenantConfig patch, Set<String> cleared);

  /** Activates or deactivates; false when the tenant does not exist. */
  boolean setActive(String tenantId, boolean active);

  /** Starts a new quota period now; false when the tenant does not exist. */
  boolean resetQuota(String tenantId);
}
