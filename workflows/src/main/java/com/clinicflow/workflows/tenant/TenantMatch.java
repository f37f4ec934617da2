package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the store found for a {@link TenantLookup}.
 *
 * @param config the clinic, or null when none matches
 * @param systemAdmin whether the Telegram chat is a system admin's (may address any clinic)
 * @param usage the turn's count when {@link TenantStoreActivities#admitTurn} counted it ({@link
 *     TenantLookup#admitThrough}); null otherwise (and then left out of the JSON)
 */
public record TenantMatch(
    @JsonProperty("config") TenantConfig config,
    @JsonProperty("system_admin") boolean systemAdmin,
    @JsonProperty("usage") @JsonInclude(JsonInclude.Include.NON_NULL) QuotaUsage usage) {

  /** A match of a lookup that counted nothing. */
  public TenantMatch(TenantConfig config, boolean systemAdmin) {
    this(config, systemAdmin, null);
  }

  public static TenantMatch none() {
    return new TenantMatch(null, false);
  }

  /** This match with the turn's count. */
  public TenantMatch counted(QuotaUsage turnUsage) {
    return new TenantMatch(config, systemAdmin, turnUsage);
  }
}
