package com.clinicflow.api.errors;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of every error answer: a stable machine code and a sentence for people. Never carries a
 * stack trace, a secret or patient data.
 */
public record ApiError(
    @JsonProperty("error") String error, @JsonProperty("message") String message) {}
