package com.clinicflow.api.errors;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 400 {@code invalid_field}: one or more named fields of a request are invalid. */
public class InvalidFieldException extends ApiException {

  private final List<String> fields;

  /**
   * @param problems one sentence per invalid field, each starting with the field's JSON name
   */
  public InvalidFieldException(List<String> fields, List<String> problems) {
    super(HttpStatus.BAD_REQUEST, "invalid_field", String.join(" ", problems));
    this.fields = List.copyOf(fields);
  }

  public InvalidFieldException(String field, String problem) {
    this(List.of(field), List.of(problem));
  }

  /** JSON names of the invalid fields, in the order found. */
  public List<String> fields() {
    return fields;
  }
}
