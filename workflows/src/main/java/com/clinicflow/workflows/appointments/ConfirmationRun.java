package com.clinicflow.workflows.appointments;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * One clinic's confirmation run: the appointments of {@code date} (a day in the clinic's time zone)
 * each get one confirmation message.
 */
public record ConfirmationRun(
    @JsonProperty("tenant_id") String tenantId, @JsonProperty("date") LocalDate date) {}
