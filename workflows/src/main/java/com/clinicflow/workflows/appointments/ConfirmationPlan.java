package com.clinicflow.workflows.appointments;

import com.clinicflow.workflows.tenant.TenantConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a confirmation run works from, read in one activity so that a replay sees the same day.
 *
 * @param clinic the clinic's configuration, or null when the tenant no longer exists
 * @param appointments the day's appointments in start order (cancelled ones left out)
 * @param alreadySentIds ids of the appointments whose confirmation for this day was sent before (a
 *     rerun skips them without asking the LLM again)
 */
public record ConfirmationPlan(
    @JsonProperty("clinic") TenantConfig clinic,
    @JsonProperty("appointments") List<Appointment> appointments,
    @JsonProperty("already_sent_ids") List<String> alreadySentIds) {}
