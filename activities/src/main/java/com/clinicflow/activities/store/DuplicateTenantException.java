package com.clinicflow.activities.store;

/**
 * A tenant write collided with an existing tenant. {@link #field()} is the column that is taken
 * ({@code tenant_id}, {@code evolution_instance_name} or {@code telegram_internal_chat_id}), so the
 * admin API can answer 409 naming it. Decided from the violated constraint's name, not from the
 * error text, which PostgreSQL translates into the server's language.
 */
public class DuplicateTenantException extends RuntimeException {

  private final String field;

  public DuplicateTenantException(String field, Throwable cause) {
    super(field + " is already used by another tenant", cause);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
