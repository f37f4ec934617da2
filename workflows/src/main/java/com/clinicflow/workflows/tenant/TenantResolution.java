package com.clinicflow.workflows.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The answer of {@link TenantConfigLoader}: either a clinic that may be served now, or the typed
 * reason why not. Callers switch on the type; each reason asks for a different reaction (silence, a
 * courtesy message, a refusal).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TenantResolution.Resolved.class, name = "resolved"),
  @JsonSubTypes.Type(value = TenantResolution.Unknown.class, name = "unknown"),
  @JsonSubTypes.Type(value = TenantResolution.Inactive.class, name = "inactive"),
  @JsonSubTypes.Type(value = TenantResolution.QuotaExceeded.class, name = "quota_exceeded"),
  @JsonSubTypes.Type(value = TenantResolution.Unauthorized.class, name = "unauthorized")
})
public sealed interface TenantResolution {

  /** The clinic is active and, if the message was counted, within its quota. */
  record Resolved(
      @JsonProperty("config") TenantConfig config, @JsonProperty("usage") QuotaUsage usage)
      implements TenantResolution {}

  /** No clinic has this WhatsApp instance (or, for Telegram, the addressed tenant is unknown). */
  record Unknown(@JsonProperty("address") String address) implements TenantResolution {}

  /** The clinic exists but is deactivated: no reply, nothing counted. */
  record Inactive(@JsonProperty("tenant_id") String tenantId) implements TenantResolution {}

  /** The clinic has used its monthly messages; the config is there for its courtesy message. */
  record QuotaExceeded(
      @JsonProperty("config") TenantConfig config, @JsonProperty("usage") QuotaUsage usage)
      implements TenantResolution {}

  /** A Telegram chat that is neither a clinic's staff chat nor a system admin. */
  record Unauthorized(@JsonProperty("chat_id") Long chatId) implements TenantResolution {}
}
