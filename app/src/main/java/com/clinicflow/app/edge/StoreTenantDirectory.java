package com.clinicflow.app.edge;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.DuplicateTenantException;
import com.clinicflow.activities.store.InvalidTenantException;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.api.errors.InvalidFieldException;
import com.clinicflow.api.tenants.TenantConflictException;
import com.clinicflow.api.tenants.TenantDirectory;
import com.clinicflow.workflows.tenant.TenantConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link TenantDirectory} over PostgreSQL. Webhook lookups go through the shared tenant cache; the
 * admin API reads the row itself so it always shows live counters. Every write drops the tenant
 * from this process's cache at once (other processes hear the database's notification).
 */
class StoreTenantDirectory implements TenantDirectory {

  private final TenantRepository repository;
  private final CachedTenants cache;

  StoreTenantDirectory(TenantRepository repository, CachedTenants cache) {
    this.repository = repository;
    this.cache = cache;
  }

  @Override
  public List<TenantConfig> list(Boolean active, String search) {
    return repository.list(active, search);
  }

  @Override
  public Optional<TenantConfig> find(String tenantId) {
    return repository.findById(tenantId);
  }

  @Override
  public Optional<TenantConfig> findByInstance(String instanceName) {
    return cache.findByInstance(instanceName);
  }

  @Override
  public TenantConfig create(TenantConfig tenant) {
    TenantConfig created = translated(() -> repository.insert(tenant));
    cache.invalidate(created.tenantId());
    return created;
  }

  @Override
  public Optional<TenantConfig> update(String tenantId, TenantConfig patch, Set<String> cleared) {
    Optional<TenantConfig> updated = translated(() -> repository.update(tenantId, patch, cleared));
    cache.invalidate(tenantId);
    return updated;
  }

  @Override
  public boolean setActive(String tenantId, boolean active) {
    boolean found = repository.setActive(tenantId, active);
    cache.invalidate(tenantId);
    return found;
  }

  @Override
  public boolean resetQuota(String tenantId) {
    return repository.resetQuota(tenantId);
  }

  private static <T> T translated(Supplier<T> write) {
    try {
      return write.get();
    } catch (DuplicateTenantException e) {
      throw new TenantConflictException(e.field(), e.getMessage());
    } catch (InvalidTenantException e) {
      throw new InvalidFieldException(e.field(), e.getMessage());
    }
  }
}
