package com.clinicflow.api.tenants;

/** A tenant write collided with an existing tenant; {@link #field()} names what is taken. */
public class TenantConflictException extends RuntimeException {

  private final String field;

  public TenantConflictException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
