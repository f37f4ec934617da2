package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An operator asks a conversation that needs attention to run its failed turn again. */
public record OperatorRetry(@JsonProperty("requested_by") String requestedBy) {}
