package com.clinicflow.api.tenants;

import com.clinicflow.api.errors.ApiException;
import org.springframework.http.HttpStatus;

/** 404 {@code unknown_tenant}. */
class UnknownTenantException extends ApiException {

  UnknownTenantException(String tenantId) {
    super(HttpStatus.NOT_FOUND, "unknown_tenant", "There is no tenant '" + tenantId + "'.");
  }
}
