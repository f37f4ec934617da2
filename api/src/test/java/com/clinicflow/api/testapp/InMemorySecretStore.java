package com.clinicflow.api.testapp;

import com.clinicflow.api.tenants.TenantSecretStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link TenantSecretStore} in memory. Knows the tenants of the {@link InMemoryTenantDirectory} it
 * is given, like the real one knows the tenant table.
 */
public class InMemorySecretStore implements TenantSecretStore {

  private final Map<String, String> values = new TreeMap<>();
  private boolean enabled = true;
  private InMemoryTenantDirectory tenants;

  public synchronized void reset(InMemoryTenantDirectory tenants) {
    values.clear();
    enabled = true;
    this.tenants = tenants;
  }

  public synchronized void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The stored value, for assertions only (the API has no such read). */
  public synchronized String stored(String tenantId, String name) {
    return values.get(tenantId + "/" + name);
  }

  @Override
  public synchronized boolean enabled() {
    return enabled;
  }

  @Override
  public synchronized boolean put(String tenantId, String name, String value) {
    if (!enabled) {
      throw new IllegalStateException("no master key");
    }
    if (tenants == null || tenants.find(tenantId).isEmpty()) {
      return false;
    }
    values.put(tenantId + "/" + name, value);
    return true;
  }

  @Override
  public synchronized boolean delete(String tenantId, String name) {
    return values.remove(tenantId + "/" + name) != null;
  }

  @Override
  public synchronized List<String> names(String tenantId) {
    return values.keySet().stream()
        .filter(k -> k.startsWith(tenantId + "/"))
        .map(k -> k.substring(tenantId.length() + 1))
        .toList();
  }
}
