package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Count one turn against a clinic's quota.
 *
 * @param tenantId the clinic
 * @param turnKey the conversation's key of the turn: the count runs again if a worker dies before
 *     recording it, and the database counts a key once. Null in runs recorded before it (counted
 *     every time); a null is left out of the JSON, which workers of earlier releases (whose Jackson
 *     rejected unknown fields, before the worker's {@code TolerantJson}) then still read
 */
public record QuotaRequest(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("turn_key") @JsonInclude(JsonInclude.Include.NON_NULL) String turnKey) {}
