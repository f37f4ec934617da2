package com.clinicflow.workflows.quota;

import io.temporal.activity.ActivityInterface;

/**
 * Quota periods in PostgreSQL, for {@link QuotaResetWorkflow}.
 *
 * <p>Safe to retry: resetting only touches clinics whose period has ended, and a clinic reset once
 * is in its current period, so a second call resets nothing more; pruning deletes by age.
 */
@ActivityInterface(namePrefix = "Quota.")
public interface QuotaActivities {

  /**
   * Resets every clinic whose quota period has ended ({@code reset_expired_quotas()}), drops the
   * quota's turn keys older than a week, and says when the next period of any clinic begins.
   */
  QuotaResetReport resetExpiredQuotas(QuotaResetRequest request);
}
