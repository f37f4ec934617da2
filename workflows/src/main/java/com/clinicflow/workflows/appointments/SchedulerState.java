package com.clinicflow.workflows.appointments;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * Input of a {@link ConfirmationScheduler} run, carried through continue-as-new.
 *
 * @param lastConfirmedDate the appointment day the last run confirmed, so a refresh right after a
 *     run never confirms the same day twice; null before the first run
 */
public record SchedulerState(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("last_confirmed_date") LocalDate lastConfirmedDate) {

  public static SchedulerState fresh(String tenantId) {
    return new SchedulerState(tenantId, null);
  }
}
