package com.clinicflow.workflows.appointments;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Asks for a clinic's confirmation schedule as its configuration says now. */
public record ScheduleRequest(@JsonProperty("tenant_id") String tenantId) {}
