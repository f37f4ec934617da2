package com.clinicflow.workflows.appointments;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When a clinic's daily confirmations run.
 *
 * @param wanted false when the tenant is gone, inactive or has no calendar: the scheduler ends
 * @param timezone the clinic's IANA zone
 * @param confirmationTime local time of the daily run, {@code HH:mm}
 */
public record ScheduleSettings(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("wanted") boolean wanted,
    @JsonProperty("timezone") String timezone,
    @JsonProperty("confirmation_time") String confirmationTime) {

  public static ScheduleSettings unwanted(String tenantId) {
    return new ScheduleSettings(tenantId, false, null, null);
  }
}
