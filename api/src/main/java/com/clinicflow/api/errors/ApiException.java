package com.clinicflow.api.errors;

import org.springframework.http.HttpStatus;

/**
 * An error answer decided by our own code: the status, the machine code and a sentence safe to show
 * (no secrets, no patient data). Rendered by the API's exception handler.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String error;

  public ApiException(HttpStatus status, String error, String message) {
    // No stack trace: these are expected answers, not failures, and are never logged with one.
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  public HttpStatus status() {
    return status;
  }

  public String error() {
    return error;
  }

  public ApiError body() {
    return new ApiError(error, getMessage());
  }
}
