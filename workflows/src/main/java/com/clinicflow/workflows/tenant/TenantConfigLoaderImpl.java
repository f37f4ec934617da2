package com.clinicflow.workflows.tenant;

/** See {@link TenantConfigLoader}; the checks themselves are {@link TenantChecks}. */
public class TenantConfigLoaderImpl implements TenantConfigLoader {

  @Override
  public TenantResolution resolve(TenantLookup lookup) {
    return TenantChecks.run(lookup);
  }
}
