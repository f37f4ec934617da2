package com.clinicflow.workflows.housekeeping;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A pruning round, asked for by the workflow {@code requestedBy} (for the log). */
public record PruneRequest(@JsonProperty("requested_by") String requestedBy) {}
