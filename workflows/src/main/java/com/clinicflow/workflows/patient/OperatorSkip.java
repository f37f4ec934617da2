package com.clinicflow.workflows.patient;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An operator gives up the turn of a conversation that needs attention. */
public record OperatorSkip(@JsonProperty("requested_by") String requestedBy) {}
