package com.clinicflow.workflows.quota;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One round of the quota reset.
 *
 * @param requestedBy the workflow id asking (for logs)
 */
public record QuotaResetRequest(@JsonProperty("requested_by") String requestedBy) {}
