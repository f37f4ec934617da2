package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the store found for a {@link TenantLookup}.
 *
 * @param config the clinic, or null when none matches
 * @param systemAdmin whether the Telegram chat is a system admin's (may address any clinic)
 */
public record TenantMatch(
    @JsonProperty("config") TenantConfig config,
    @JsonProperty("system_admin") boolean systemAdmin) {

  public static TenantMatch none() {
    return new TenantMatch(null, false);
  }
}
