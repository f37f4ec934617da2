package com.clinicflow.workflows.tenant;

import com.clinicflow.workflows.common.ActivityStubs;
import java.util.LinkedHashMap;
import java.util.Map;

/** See {@link TenantConfigLoader}. */
public class TenantConfigLoaderImpl implements TenantConfigLoader {

  private final TenantStoreActivities store = ActivityStubs.database(TenantStoreActivities.class);

  @Override
  public TenantResolution resolve(TenantLookup lookup) {
    TenantMatch match = store.findTenant(lookup);
    TenantConfig config = match.config();
    if (config == null) {
      return unmatched(lookup, match);
    }
    if (lookup.channel() == Channel.TELEGRAM
        && !match.systemAdmin()
        && !lookup.chatId().equals(config.telegramInternalChatId())) {
      log(lookup, config.tenantId(), "unauthorized_chat", Map.of("chat_id", lookup.chatId()));
      return new TenantResolution.Unauthorized(lookup.chatId());
    }
    if (!config.active()) {
      log(lookup, config.tenantId(), "inactive_tenant_message", Map.of());
      return new TenantResolution.Inactive(config.tenantId());
    }
    QuotaUsage usage =
        lookup.countMessage()
            ? store.countMessage(new QuotaRequest(config.tenantId()))
            : QuotaUsage.notCounted();
    if (!usage.accepted()) {
      log(lookup, config.tenantId(), "quota_exceeded", usageDetails(usage));
      return new TenantResolution.QuotaExceeded(config, usage);
    }
    log(lookup, config.tenantId(), "message_received", usageDetails(usage));
    return new TenantResolution.Resolved(config, usage);
  }

  private TenantResolution unmatched(TenantLookup lookup, TenantMatch match) {
    if (lookup.channel() == Channel.TELEGRAM && !match.systemAdmin()) {
      // A chat that belongs to no clinic: unauthorised, whatever tenant it names.
      log(lookup, null, "unauthorized_chat", Map.of("chat_id", lookup.chatId()));
      return new TenantResolution.Unauthorized(lookup.chatId());
    }
    log(lookup, null, "unknown_tenant", Map.of("address", lookup.describe()));
    return new TenantResolution.Unknown(lookup.describe());
  }

  private Map<String, Object> usageDetails(QuotaUsage usage) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("count", usage.count());
    details.put("limit", usage.limit());
    return details;
  }

  private void log(
      TenantLookup lookup, String tenantId, String eventType, Map<String, Object> details) {
    Map<String, Object> withChannel = new LinkedHashMap<>(details);
    withChannel.put("channel", lookup.channel().name());
    store.recordActivity(
        new ActivityLogEntry(tenantId, eventType, withChannel, lookup.requesterWorkflowId()));
  }
}
