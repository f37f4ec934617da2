package com.clinicflow.activities.store;

import com.clinicflow.workflows.quota.QuotaActivities;
import com.clinicflow.workflows.quota.QuotaResetReport;
import com.clinicflow.workflows.quota.QuotaResetRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link QuotaActivities} over {@link QuotaRepository}. */
public class QuotaActivitiesImpl implements QuotaActivities {

  private static final Logger log = LoggerFactory.getLogger(QuotaActivitiesImpl.class);

  private final QuotaRepository quotas;

  public QuotaActivitiesImpl(QuotaRepository quotas) {
    this.quotas = quotas;
  }

  @Override
  public QuotaResetReport resetExpiredQuotas(QuotaResetRequest request) {
    int reset = quotas.resetExpired();
    if (reset > 0) {
      log.info("Quota periods reset for {} clinic(s)", reset);
    }
    // Housekeeping rides on the hourly round so that no operator has to schedule it.
    int pruned = quotas.pruneTurnKeys();
    log.debug("Quota turn keys pruned: {}", pruned);
    return new QuotaResetReport(reset, quotas.nextPeriodStart().orElse(null));
  }
}
