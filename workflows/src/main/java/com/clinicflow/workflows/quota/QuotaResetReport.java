package com.clinicflow.workflows.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What one round of the quota reset did.
 *
 * @param tenantsReset clinics whose ended period was reset in this round
 * @param nextPeriodStart the earliest instant at which some clinic's next quota period begins; null
 *     when there are no clinics
 */
public record QuotaResetReport(
    @JsonProperty("tenants_reset") int tenantsReset,
    @JsonProperty("next_period_start") Instant nextPeriodStart) {}
