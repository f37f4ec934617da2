package com.clinicflow.workflows.tenant;

import com.clinicflow.workflows.common.Changes;

/** See {@link TenantConfigLoader}; the checks themselves are {@link TenantChecks}. */
public class TenantConfigLoaderImpl implements TenantConfigLoader {

  @Override
  public TenantResolution resolve(TenantLookup lookup) {
    Changes.startRun();
    return TenantChecks.run(lookup);
  }
}
