package com.clinicflow.workflows.appointments;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * How a confirmation run went; also written to the clinic's activity log.
 *
 * @param appointments appointments found on the day
 * @param sent confirmations sent by this run
 * @param skipped appointments not messaged: already confirmed by an earlier run, or not booked by a
 *     patient through ClinicFlow (no contact to write to)
 * @param failed confirmations that could not be written or sent past their retry budget
 * @param note why nothing was done ({@code unknown_tenant}, {@code inactive}, {@code no_calendar}),
 *     else null
 */
public record ConfirmationOutcome(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("date") LocalDate date,
    @JsonProperty("appointments") int appointments,
    @JsonProperty("sent") int sent,
    @JsonProperty("skipped") int skipped,
    @JsonProperty("failed") int failed,
    @JsonProperty("note") String note) {}
