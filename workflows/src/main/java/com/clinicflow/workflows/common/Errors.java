package com.clinicflow.workflows.common;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/**
 * The failure types activities raise, as {@code ApplicationFailure} types. Workflows and retry
 * policies name these, never exception classes, so the vocabulary survives refactoring.
 */
public enum Errors {
  /** The vendor refused the request as malformed (HTTP 400): retrying cannot help. */
  BAD_REQUEST(false),
  /** Credentials missing or refused (HTTP 401/403): an operator must fix configuration. */
  UNAUTHORIZED(false),
  /** The addressed thing does not exist (HTTP 404, unknown WhatsApp number). */
  NOT_FOUND(false),
  /** Configuration is missing or invalid for this clinic. */
  CONFIGURATION(false),
  /** The vendor asked us to slow down (HTTP 429): retried, later. */
  RATE_LIMITED(true),
  /** The vendor failed or could not be reached (HTTP 5xx, I/O): retried with backoff. */
  UPSTREAM_UNAVAILABLE(true),
  /** The LLM refused to answer (blocked prompt, empty candidate). */
  LLM_REFUSED(false);

  private final boolean retryable;

  Errors(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  /** A failure of this type; retryable or not as the type says. */
  public ApplicationFailure failure(String message) {
    return retryable
        ? ApplicationFailure.newFailure(message, name())
        : ApplicationFailure.newNonRetryableFailure(message, name());
  }

  /**
   * What went wrong, in words safe for logs, histories and the admin API: the type of the first
   * {@code ApplicationFailure} in the chain (one of these names, or a vendor's), else the failure's
   * class. Never the message, which may quote a patient or a vendor's answer.
   */
  public static String typeOf(TemporalFailure failure) {
    Throwable cause = failure;
    while (cause != null) {
      if (cause instanceof ApplicationFailure app) {
        return app.getType();
      }
      cause = cause.getCause();
    }
    return failure.getClass().getSimpleName();
  }

  /** Names of the types that retry policies must not retry. */
  public static String[] nonRetryable() {
    return java.util.Arrays.stream(values())
        .filter(e -> !e.retryable)
        .map(Enum::name)
        .toArray(String[]::new);
  }
}
