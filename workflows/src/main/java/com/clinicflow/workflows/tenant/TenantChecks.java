package com.clinicflow.workflows.tenant;

import com.clinicflow.workflows.common.ActivityStubs;
import com.clinicflow.workflows.common.Changes;
import com.clinicflow.workflows.staff.StaffAlert;
import com.clinicflow.workflows.staff.StaffAlertActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The clinic checks of one message, as workflow code: resolve the tenant, check it is active (and,
 * on Telegram, that the chat is the clinic's), count the message against the quota, log the
 * outcome, alert at 80 % and 100 % of the quota. Each step is an activity recorded in the history
 * of the workflow that runs it: {@link TenantConfigLoader} as a child workflow (the staff
 * assistant, and conversations recorded before {@code tenant-checks-inline}), or a patient
 * conversation itself, inline, which saves a child workflow's start, its own workflow task and two
 * workflow tasks of the parent per message (docs/decisions/0010-engine-cost-per-message.md).
 */
public final class TenantChecks {

  /** Shares of the monthly limit announced to the clinic's staff chat. */
  static final int[] ALERT_PERCENTS = {80, 100};

  private static final Logger log = Workflow.getLogger(TenantChecks.class);

  /** Local or regular activities, depending on when the run was recorded. */
  private final TenantStoreActivities store = ActivityStubs.local(TenantStoreActivities.class);

  /** Runs the checks; call from workflow code. */
  public static TenantResolution run(TenantLookup lookup) {
    return new TenantChecks().resolve(lookup);
  }

  private TenantChecks() {}

  private TenantResolution resolve(TenantLookup lookup) {
    TenantMatch match =
        admitsInOneCall(lookup) ? store.admitTurn(lookup) : store.findTenant(lookup);
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
    boolean countLogged = lookup.countMessage() && countWritesTheLogLine(lookup);
    QuotaUsage usage;
    if (match.usage() != null) {
      usage = match.usage(); // counted, and its log line written, on admission
    } else if (countLogged) {
      usage = store.countTurn(lookup.turnCount(config.tenantId()));
    } else if (lookup.countMessage()) {
      usage = store.countMessage(new QuotaRequest(config.tenantId(), lookup.turnKey()));
    } else {
      usage = QuotaUsage.notCounted();
    }
    if (!countLogged) {
      String event = usage.accepted() ? "message_received" : "quota_exceeded";
      log(lookup, config.tenantId(), event, usageDetails(usage));
    }
    if (!usage.accepted()) {
      return new TenantResolution.QuotaExceeded(config, usage);
    }
    alertThresholds(config.tenantId(), usage);
    return new TenantResolution.Resolved(config, usage);
  }

  /**
   * Whether the count of a keyed turn also writes its log line ({@code countTurn}: one local
   * activity instead of two, the line written once per turn). New in version 1 of {@link
   * Changes#COUNT_WRITES_LOG_LINE}: runs recorded before it counted and then logged, and replay
   * that way; so do counts without a turn key (recorded before keys existed).
   */
  private static boolean countWritesTheLogLine(TenantLookup lookup) {
    return lookup.turnKey() != null && Changes.isOn(Changes.COUNT_WRITES_LOG_LINE);
  }

  /**
   * Whether the lookup and the count are one local activity ({@link
   * TenantStoreActivities#admitTurn}): for keyed WhatsApp turns since {@link
   * Changes#ADMIT_TURN_IN_ONE_CALL}; the store counts only what the checks below would count next.
   */
  private static boolean admitsInOneCall(TenantLookup lookup) {
    return lookup.countsOnAdmission() && Changes.isOn(Changes.ADMIT_TURN_IN_ONE_CALL);
  }

  /**
   * Counting is atomic and goes up by one, so exactly one counted message lands on each threshold
   * per period: that one raises the alert, and the alert's key (tenant, period, share) makes a
   * retried raise a no-op. (A limit lowered below the count mid-period skips the crossing.)
   */
  private void alertThresholds(String tenantId, QuotaUsage usage) {
    List<Integer> crossed = crossedThresholds(usage);
    if (crossed.isEmpty()
        // New in version 1: loaders recorded before it replay without alerts.
        || !Changes.isOn(Changes.QUOTA_ALERTS)) {
      return;
    }
    StaffAlertActivities alerts = ActivityStubs.database(StaffAlertActivities.class);
    for (int percent : crossed) {
      try {
        alerts.raise(StaffAlert.quota(tenantId, percent, usage));
      } catch (ActivityFailure failure) {
        // The patient's turn must not wait on an alert: it is lost, the log has the count.
        log.warn("Quota alert {}% of tenant {} not raised", percent, tenantId);
      }
    }
  }

  /** The thresholds this counted message reached exactly (none when nothing was counted). */
  static List<Integer> crossedThresholds(QuotaUsage usage) {
    List<Integer> crossed = new ArrayList<>();
    if (!usage.accepted() || usage.limit() <= 0) {
      return crossed;
    }
    for (int percent : ALERT_PERCENTS) {
      int threshold = (int) Math.ceil(usage.limit() * percent / 100.0);
      if (usage.count() == threshold) {
        crossed.add(percent);
      }
    }
    return crossed;
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
