package com.clinicflow.api.errors;

import org.springframework.http.HttpStatus;

/** 404 {@code unknown_tenant}. */
public class UnknownTenantException extends ApiException {

  public UnknownTenantException(String tenantId) {
    super(HttpStatus.NOT_FOUND, "unknown_tenant", "There is no tenant '" + tenantId + "'.");
  }
}
