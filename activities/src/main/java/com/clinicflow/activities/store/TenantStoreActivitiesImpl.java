package com.clinicflow.activities.store;

import com.clinicflow.workflows.common.Errors;
import com.clinicflow.workflows.tenant.ActivityLogEntry;
import com.clinicflow.workflows.tenant.Channel;
import com.clinicflow.workflows.tenant.QuotaRequest;
import com.clinicflow.workflows.tenant.QuotaUsage;
import com.clinicflow.workflows.tenant.TenantConfig;
import com.clinicflow.workflows.tenant.TenantLookup;
import com.clinicflow.workflows.tenant.TenantMatch;
import com.clinicflow.workflows.tenant.TenantStoreActivities;
import com.clinicflow.workflows.tenant.TurnCount;
import java.util.Optional;
import java.util.Set;

/**
 * {@link TenantStoreActivities} over PostgreSQL. Lookups go through {@link CachedTenants}; the
 * quota count and the log always go to the database.
 *
 * <p>A Telegram chat listed in {@code clinicflow.telegram.admin-chat-ids} is a system admin's: it
 * may address any clinic by id ({@link TenantLookup#requestedTenantId()}); without one it is served
 * as the clinic whose staff chat it is, if any. Whether a non-admin chat is authorised is decided
 * by the workflow, which compares the chat with the clinic's configured one.
 */
public class TenantStoreActivitiesImpl implements TenantStoreActivities {

  private final CachedTenants tenants;
  private final TenantRepository repository;
  private final ActivityLogRepository activityLog;
  private final Set<Long> adminChatIds;

  public TenantStoreActivitiesImpl(
      CachedTenants tenants,
      TenantRepository repository,
      ActivityLogRepository activityLog,
      Set<Long> adminChatIds) {
    this.tenants = tenants;
    this.repository = repository;
    this.activityLog = activityLog;
    this.adminChatIds = Set.copyOf(adminChatIds);
  }

  @Override
  public TenantMatch findTenant(TenantLookup lookup) {
    if (lookup.channel() == Channel.WHATSAPP) {
      return new TenantMatch(config(tenants.findByInstance(lookup.instanceName())), false);
    }
    if (lookup.chatId() == null) {
      return TenantMatch.none();
    }
    boolean systemAdmin = adminChatIds.contains(lookup.chatId());
    if (systemAdmin && lookup.requestedTenantId() != null) {
      return new TenantMatch(config(tenants.findById(lookup.requestedTenantId())), true);
    }
    return new TenantMatch(config(tenants.findByTelegramChat(lookup.chatId())), systemAdmin);
  }

  @Override
  public TenantMatch admitTurn(TenantLookup lookup) {
    return lookup.admitThrough(this);
  }

  /**
   * One database call that counts the request's turn once: a retry, or a rerun after a worker died
   * before its workflow task completed, gets the first call's answer back. A request without a turn
   * key (runs recorded before it) is counted every time it runs.
   */
  @Override
  public QuotaUsage countMessage(QuotaRequest request) {
    return counted(
        repository.countMessage(request.tenantId(), request.turnKey()), request.tenantId());
  }

  @Override
  public QuotaUsage countTurn(TurnCount count) {
    return counted(repository.countTurn(count), count.tenantId());
  }

  /** A count's answer; none means the clinic was deleted since its lookup: not retried. */
  private static QuotaUsage counted(Optional<QuotaUsage> usage, String tenantId) {
    return usage.orElseThrow(
        () ->
            Errors.NOT_FOUND.failure(
                "tenant " + tenantId + " no longer exists; message not counted"));
  }

  @Override
  public void recordActivity(ActivityLogEntry entry) {
    activityLog.insert(entry);
  }

  private static TenantConfig config(Optional<TenantConfig> found) {
    return found.orElse(null);
  }
}
