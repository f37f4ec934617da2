package com.clinicflow.activities.store;

/**
 * A tenant write broke a rule of the schema: a missing required field (NOT NULL), a tenant id that
 * is not a slug, a negative quota. {@link #field()} names the column, so the admin API can answer
 * 400 naming it instead of 500.
 */
public class InvalidTenantException extends RuntimeException {

  private final String field;

  public InvalidTenantException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
