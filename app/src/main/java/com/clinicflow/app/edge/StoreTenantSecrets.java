package com.clinicflow.app.edge;

import com.clinicflow.activities.secrets.JdbcTenantSecrets;
import com.clinicflow.api.tenants.TenantSecretStore;
import java.util.List;

/** {@link TenantSecretStore} over the encrypted {@code tenant_secrets} table. */
class StoreTenantSecrets implements TenantSecretStore {

  private final JdbcTenantSecrets secrets;

  StoreTenantSecrets(JdbcTenantSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public boolean enabled() {
    return secrets.enabled();
  }

  @Override
  public boolean put(String tenantId, String name, String value) {
    return secrets.put(tenantId, name, value);
  }

  @Override
  public boolean delete(String tenantId, String name) {
    return secrets.delete(tenantId, name);
  }

  @Override
  public List<String> names(String tenantId) {
    return secrets.names(tenantId);
  }
}
