package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Count one message against a clinic's quota. */
public record QuotaRequest(@JsonProperty("tenant_id") String tenantId) {}
