package com.clinicflow.workflows.appointments;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a {@link ConfirmationScheduler} is waiting for, for operators and tests.
 *
 * @param nextRunAt when the next run starts, null while settings are being read
 * @param nextDate the appointment day that run confirms
 * @param lastConfirmedDate the day the last run confirmed
 */
public record SchedulerView(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("next_run_at") Instant nextRunAt,
    @JsonProperty("next_date") LocalDate nextDate,
    @JsonProperty("last_confirmed_date") LocalDate lastConfirmedDate) {}
